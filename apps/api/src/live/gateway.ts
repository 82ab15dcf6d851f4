import { randomInt } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import type { FastifyBaseLogger } from 'fastify';
import { Value } from '@sinclair/typebox/value';
import {
  Subscription,
  type Alert,
  type Channel,
  type ClientToServerEvents,
  type DomainEvent,
  type NationalRanking,
  type ServerToClientEvents,
  type SubscribeAck,
} from '@region-score/contracts';
import {
  METHODOLOGY_VERSION,
  localDate,
  nationalRow,
  type RegionCatalog,
} from '@region-score/core';
import type { Platform } from '@region-score/platform';
import type { Redis } from 'ioredis';
import { RankedChannel } from './ranked-channel';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface GatewayDeps {
  io: LiveServer;
  platform: Pick<Platform, 'rankings' | 'scores' | 'alerts' | 'events'>;
  /** A dedicated connection: XREAD BLOCK holds it. */
  tailRedis: Redis;
  catalog: RegionCatalog;
  clock: () => Date;
  frameMs: number;
  heartbeatMs: number;
  /** Dashboard build id sent in heartbeats; open screens reload when it changes. */
  build: string;
  logger: FastifyBaseLogger;
  /** Called for every frame sent (metrics). */
  onFrame?: (channel: Channel) => void;
  /** Channels one connection may subscribe to at once. */
  maxSubscriptions: number;
  /** Whether the socket's key may read the region (`'*'`: the national ranking). */
  mayRead: (socket: LiveSocket, region: string) => boolean;
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
    const { io, platform, tailRedis, heartbeatMs, build, clock } = this.deps;
    const buffered: DomainEvent[] = [];
    let loaded = false;
    // Tail first, then load: an event racing the load is applied after it (versions dedupe).
    this.tail = platform.events.tail(
      tailRedis,
      (events) => (loaded ? this.onEvents(events) : buffered.push(...events)),
      this.abort.signal,
    );
    await this.loadAll();
    loaded = true;
    this.onEvents(buffered.splice(0));
    io.on('connection', (socket) => this.onConnection(socket));
    this.heartbeat = setInterval(
      () =>
        io.emit('heartbeat', {
          at: clock().toISOString(),
          build,
          live: tailRedis.status === 'ready',
        }),
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

  /**
   * The national ranking as this node's live state holds it (kept current by the event stream):
   * answers `GET /rankings/national` without reading every region from Redis. Null before start.
   */
  nationalRanking(at: Date): NationalRanking | null {
    const channel = this.channels.get('national');
    if (!channel) return null;
    return {
      name: channel.name,
      methodology: METHODOLOGY_VERSION,
      generatedAt: at.toISOString(),
      entries: channel.snapshot(at, []).entries,
    };
  }

  /** Reloads every region's stored scores and sends frames for whatever differs. */
  async refresh(): Promise<void> {
    const at = this.deps.clock();
    for (const region of this.deps.catalog.regions) {
      const channel = this.channels.get(`region:${region.id}`);
      if (!channel) continue;
      const summaries = await this.deps.platform.scores.summaries(region.id);
      for (const [district, summary] of summaries) channel.apply(district, summary);
      this.schedule(channel.channel);
    }
    await this.rollDay(at);
  }

  private async loadAll(): Promise<void> {
    const { platform, catalog, clock } = this.deps;
    const at = clock();
    for (const region of catalog.regions) {
      const [ranking, previous, firing] = await Promise.all([
        platform.rankings.region(region, at),
        platform.rankings.previousRegionRanks(region, at),
        platform.alerts.list({ region: region.id, state: 'firing' }),
      ]);
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
      this.alerts.set(region.id, firing.slice(0, SNAPSHOT_ALERTS));
    }
    this.today = localDate(at, catalog.national.timezone);
    const rows = catalog.regions.flatMap((region) => {
      const aggregate = this.channels.get(`region:${region.id}`)?.aggregate();
      return aggregate ? [nationalRow(region, aggregate)] : [];
    });
    this.channels.set(
      'national',
      new RankedChannel(
        'national',
        catalog.national.name,
        // Unused: every national row carries its status by its own region's thresholds.
        catalog.regions[0]?.scoring.thresholds ?? { onTrack: 90, atRisk: 75 },
        rows,
        await platform.rankings.previousNationalRanks(catalog.national, at),
        this.seqBase,
      ),
    );
  }

  /** A new day: yesterday's ranks are now the reference for rank changes. */
  private async rollDay(at: Date): Promise<void> {
    const { platform, catalog } = this.deps;
    if (localDate(at, catalog.national.timezone) === this.today) return;
    this.today = localDate(at, catalog.national.timezone);
    for (const region of catalog.regions) {
      this.channels
        .get(`region:${region.id}`)
        ?.setPreviousRanks(await platform.rankings.previousRegionRanks(region, at));
      this.schedule(`region:${region.id}`);
    }
    this.channels
      .get('national')
      ?.setPreviousRanks(await platform.rankings.previousNationalRanks(catalog.national, at));
    this.schedule('national');
  }

  private onEvents(events: DomainEvent[]): void {
    for (const event of events) {
      if (event.type === 'scores') {
        const channel = this.channels.get(`region:${event.region}`);
        if (!channel) continue;
        let changed = false;
        for (const s of event.scores) changed = channel.apply(s.district, s) || changed;
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
    const aggregate = this.channels.get(`region:${regionId}`)?.aggregate();
    if (!region || !national || !aggregate) return;
    const computedAt = this.deps.clock().toISOString();
    if (national.apply(region.id, { ...aggregate, computedAt })) this.schedule('national');
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
      if (!this.deps.mayRead(socket, 'region' in raw ? raw.region : '*')) {
        reply({ ok: false, error: 'region: this key may not read it' });
        return;
      }
      // socket.rooms holds the socket's own room besides its channels.
      if (!socket.rooms.has(channel) && socket.rooms.size - 1 >= this.deps.maxSubscriptions) {
        reply({
          ok: false,
          error: `subscription: at most ${this.deps.maxSubscriptions} channels per connection`,
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
