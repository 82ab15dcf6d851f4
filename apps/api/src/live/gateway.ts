import { randomInt } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Server, Socket } from 'socket.io';
import type { FastifyBaseLogger } from 'fastify';
import { Value } from '@sinclair/typebox/value';
import {
  Subscription,
  type Alert,
  type Channel,
  type ClientToServerEvents,
  type DomainEvent,
  type Region,
  type ServerToClientEvents,
  type SubscribeAck,
} from '@region-score/contracts';
import { addDays, localDate, type RegionCatalog } from '@region-score/core';
import {
  listAlerts,
  loadRegionRanking,
  readRanks,
  tailEvents,
  type KeySpace,
} from '@region-score/platform';
import { RankedChannel } from './ranked-channel';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface GatewayDeps {
  io: LiveServer;
  redis: Redis;
  /** A dedicated connection: XREAD BLOCK holds it. */
  tailRedis: Redis;
  keys: KeySpace;
  catalog: RegionCatalog;
  clock: () => Date;
  frameMs: number;
  heartbeatMs: number;
  /** Dashboard build id sent in heartbeats; open screens reload when it changes. */
  build: string;
  logger: FastifyBaseLogger;
  /** Called for every frame sent (metrics). */
  onFrame?: (channel: Channel) => void;
}

/** Alerts kept per region for snapshots (the wall ticker shows the latest). */
const SNAPSHOT_ALERTS = 50;
/** Full reload from Redis now and then, so a missed event can never leave a screen stale. */
const RESYNC_MS = 30_000;

/**
 * The live layer of one API node: tails the domain event stream, keeps each channel's ranking,
 * and sends coalesced frames — at most one per channel per frame window, the first change after
 * a quiet window at once. API nodes never talk to each other: each tails the same stream.
 */
export class LiveGateway {
  private readonly channels = new Map<Channel, RankedChannel>();
  private readonly alerts = new Map<string, Alert[]>();
  private readonly lastFrameAt = new Map<Channel, number>();
  private readonly timers = new Map<Channel, NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private heartbeat: NodeJS.Timeout | null = null;
  private resync: NodeJS.Timeout | null = null;
  private tail: Promise<void> | null = null;
  private today = '';
  /** Random per node, so a client's seq from another node never looks like one of ours. */
  private readonly seqBase = randomInt(0, 2 ** 32) * 2 ** 20;

  constructor(private readonly deps: GatewayDeps) {}

  async start(): Promise<void> {
    const { io, keys, tailRedis, heartbeatMs, build, clock } = this.deps;
    const buffered: DomainEvent[] = [];
    let loaded = false;
    // Tail first, then load: an event racing the load is applied after it (versions dedupe).
    this.tail = tailEvents(
      tailRedis,
      keys,
      (events) => (loaded ? this.onEvents(events) : buffered.push(...events)),
      this.abort.signal,
    );
    await this.loadAll();
    loaded = true;
    this.onEvents(buffered.splice(0));
    io.on('connection', (socket) => this.onConnection(socket));
    this.heartbeat = setInterval(
      () => io.emit('heartbeat', { at: clock().toISOString(), build }),
      heartbeatMs,
    );
    this.resync = setInterval(() => {
      this.refresh().catch((err: unknown) => this.deps.logger.warn({ err }, 'live resync failed'));
    }, RESYNC_MS);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.resync) clearInterval(this.resync);
    for (const t of this.timers.values()) clearTimeout(t);
    await this.tail;
  }

  /** Reloads every region from Redis and sends frames for whatever differs. */
  async refresh(): Promise<void> {
    const at = this.deps.clock();
    for (const region of this.deps.catalog.regions) {
      const ranking = await loadRegionRanking(this.deps.redis, this.deps.keys, region, at);
      const channel = this.channels.get(`region:${region.id}`);
      if (!channel) continue;
      for (const e of ranking.entries) {
        channel.apply({ ...e, computedAt: at.toISOString() });
      }
      this.schedule(channel.channel);
    }
    await this.rollDay(at);
  }

  private async loadAll(): Promise<void> {
    const { redis, keys, catalog, clock } = this.deps;
    const at = clock();
    for (const region of catalog.regions) {
      const ranking = await loadRegionRanking(redis, keys, region, at);
      const previous = await readRanks(
        redis,
        keys.dailyRanks(region.id, addDays(localDate(at, region.timezone), -1)),
      );
      this.channels.set(
        `region:${region.id}`,
        new RankedChannel(
          `region:${region.id}`,
          region.name,
          region.scoring.thresholds,
          ranking.entries,
          previous,
          this.seqBase,
        ),
      );
      const firing = await listAlerts(redis, keys, { region: region.id, state: 'firing' });
      this.alerts.set(region.id, firing.slice(0, SNAPSHOT_ALERTS));
    }
    const first = catalog.regions[0];
    if (first) {
      this.today = localDate(at, first.timezone);
      const previous = await readRanks(redis, keys.nationalRanks(addDays(this.today, -1)));
      const rows = catalog.regions.map((region) => this.nationalRow(region));
      this.channels.set(
        'national',
        new RankedChannel(
          'national',
          { ru: 'Казахстан', kk: 'Қазақстан', en: 'Kazakhstan' },
          first.scoring.thresholds,
          rows.map((r) => ({ ...r, rank: 1, rankChange: 0 })),
          previous,
          this.seqBase,
        ),
      );
    }
  }

  /** A new day: yesterday's ranks are now the reference for rank changes. */
  private async rollDay(at: Date): Promise<void> {
    const { redis, keys, catalog } = this.deps;
    const first = catalog.regions[0];
    if (!first || localDate(at, first.timezone) === this.today) return;
    this.today = localDate(at, first.timezone);
    for (const region of catalog.regions) {
      const yesterday = addDays(localDate(at, region.timezone), -1);
      this.channels
        .get(`region:${region.id}`)
        ?.setPreviousRanks(await readRanks(redis, keys.dailyRanks(region.id, yesterday)));
      this.schedule(`region:${region.id}`);
    }
    this.channels
      .get('national')
      ?.setPreviousRanks(await readRanks(redis, keys.nationalRanks(addDays(this.today, -1))));
    this.schedule('national');
  }

  private nationalRow(region: Region) {
    const channel = this.channels.get(`region:${region.id}`);
    const agg = channel?.aggregate() ?? {
      score: 0,
      status: 'behind' as const,
      coverage: 0,
      version: 0,
    };
    return {
      id: region.id,
      kind: 'region' as const,
      name: region.name,
      history: [],
      sparkBucket: 0,
      ...agg,
    };
  }

  private onEvents(events: DomainEvent[]): void {
    for (const event of events) {
      if (event.type === 'scores') {
        const channel = this.channels.get(`region:${event.region}`);
        if (!channel) continue;
        let changed = false;
        for (const s of event.scores) changed = channel.apply({ ...s, id: s.district }) || changed;
        if (changed) this.schedule(channel.channel);
      } else {
        const { alert } = event;
        const list = (this.alerts.get(alert.region) ?? []).filter((a) => a.id !== alert.id);
        if (alert.state === 'firing') list.unshift(alert);
        this.alerts.set(alert.region, list.slice(0, SNAPSHOT_ALERTS));
        this.deps.io.to(`region:${alert.region}`).emit('alert', alert);
      }
    }
  }

  /** Sends at once after a quiet window, else at the end of the current window. */
  private schedule(channel: Channel): void {
    if (this.timers.has(channel)) return;
    const wait = (this.lastFrameAt.get(channel) ?? 0) + this.deps.frameMs - Date.now();
    if (wait <= 0) {
      this.flush(channel);
      return;
    }
    this.timers.set(
      channel,
      setTimeout(() => {
        this.timers.delete(channel);
        this.flush(channel);
      }, wait),
    );
  }

  private flush(channel: Channel): void {
    const state = this.channels.get(channel);
    if (!state) return;
    const frame = state.frame(this.deps.clock());
    if (!frame) return;
    this.lastFrameAt.set(channel, Date.now());
    this.deps.io.to(channel).emit('scores', frame);
    this.deps.onFrame?.(channel);
    if (channel !== 'national') this.updateNational(channel.slice('region:'.length));
  }

  private updateNational(regionId: string): void {
    const region = this.deps.catalog.region(regionId);
    const national = this.channels.get('national');
    if (!region || !national) return;
    const row = this.nationalRow(region);
    if (
      national.apply({ ...row, version: row.version, computedAt: this.deps.clock().toISOString() })
    ) {
      this.schedule('national');
    }
  }

  private onConnection(socket: LiveSocket): void {
    socket.on('subscribe', (raw, ack) => {
      const reply: (res: SubscribeAck) => void = typeof ack === 'function' ? ack : () => undefined;
      if (!Value.Check(Subscription, raw)) {
        reply({ ok: false, error: 'subscription: expected { region } or { national: true }' });
        return;
      }
      const channel: Channel = 'region' in raw ? `region:${raw.region}` : 'national';
      const state = this.channels.get(channel);
      if (!state) {
        reply({
          ok: false,
          error: `region: unknown region "${'region' in raw ? raw.region : ''}"`,
        });
        return;
      }
      void socket.join(channel);
      const missed = raw.lastSeq === undefined ? null : state.framesSince(raw.lastSeq);
      if (missed) {
        for (const frame of missed) socket.emit('scores', frame);
      } else {
        const alerts = 'region' in raw ? (this.alerts.get(raw.region) ?? []) : [];
        socket.emit('snapshot', state.snapshot(this.deps.clock(), alerts));
      }
      reply({ ok: true });
    });
    socket.on('unsubscribe', (raw) => {
      if (!Value.Check(Subscription, raw)) return;
      void socket.leave('region' in raw ? `region:${raw.region}` : 'national');
    });
  }
}
