import { io, type Socket } from 'socket.io-client';
import type {
  Alert,
  Channel,
  ClientToServerEvents,
  LocalizedName,
  ServerToClientEvents,
  Subscription,
} from '@region-score/contracts';
import {
  applyFrame,
  checkSeq,
  fromSnapshot,
  markMoves,
  rankingOrder,
  recentAlerts,
  upsertAlert,
} from './frames';
import type { RankingData, RankMoveMark } from './frames';
import { isAlert, isFrame, isHeartbeat, isSnapshot } from './guards';
import { shouldReload, type ReloadAttempt } from './health';

/** One subscribed ranking (a region, or the national one) as the screen holds it. */
export class ChannelState {
  data = $state.raw<RankingData | null>(null);
  name = $state.raw<LocalizedName | null>(null);
  /** Per-row counters bumped when a row's score changes: the row flashes on each bump. */
  pulses = $state.raw<Record<string, number>>({});
  /** Rows whose rank changed in the last minutes, with where they came from. */
  moves = $state.raw<Record<string, RankMoveMark>>({});
  ordered = $derived(this.data ? rankingOrder(this.data.entries) : []);
  /** Waiting for a fresh snapshot after a seq gap: frames are dropped meanwhile. */
  resyncing = false;

  constructor(
    readonly channel: Channel,
    readonly subscription: Subscription,
  ) {}
}

type BehindListener = (ids: string[]) => void;
const RELOAD_KEY = 'region-score.reload';

/**
 * The live feed: one socket.io connection for the page, a region channel, and the national
 * channel once a view asks for it. Frames go through the seq check; a gap re-subscribes for a
 * fresh snapshot; a reconnect re-subscribes with the last seq.
 */
class LiveFeed {
  connected = $state(false);
  unauthorized = $state(false);
  error = $state<string | null>(null);
  lastBeatAt = $state<number | null>(null);
  disconnectedAt = $state<number | null>(null);
  /** What the last heartbeat said: false while the server cannot reach its data store. */
  serverLive = $state(true);
  /** Firing/pending alerts of the region, newest first, capped. */
  alerts = $state.raw<Alert[]>([]);
  /** Bumped on every alert event, so lists fetched over HTTP know to refresh. */
  alertEvents = $state(0);
  region = $state.raw<ChannelState | null>(null);
  national = $state.raw<ChannelState | null>(null);

  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private readonly behindListeners = new Set<BehindListener>();

  /** Connects once; later calls only switch the region. */
  start(region: string, token: string | null): void {
    if (!this.socket) this.connect(token);
    this.watchRegion(region);
  }

  /** Subscribes the region channel, dropping the previous region if it differs. */
  watchRegion(region: string): void {
    if (this.region?.subscription && 'region' in this.region.subscription) {
      if (this.region.subscription.region === region) return;
      this.socket?.emit('unsubscribe', this.region.subscription);
    }
    this.region = new ChannelState(`region:${region}`, { region });
    this.alerts = [];
    this.subscribe(this.region);
  }

  /** Subscribes the national channel (kept for the page's life: it is small). */
  watchNational(): void {
    if (this.national) return;
    this.national = new ChannelState('national', { national: true });
    this.subscribe(this.national);
  }

  /** Calls `listener` with districts that just turned red; returns the unsubscribe function. */
  onBehind(listener: BehindListener): () => void {
    this.behindListeners.add(listener);
    return () => this.behindListeners.delete(listener);
  }

  private channels(): ChannelState[] {
    return [this.region, this.national].filter((c): c is ChannelState => c !== null);
  }

  private find(channel: string): ChannelState | undefined {
    return this.channels().find((c) => c.channel === channel);
  }

  private subscribe(state: ChannelState, lastSeq?: number): void {
    const socket = this.socket;
    if (!socket?.connected) return; // the connect handler subscribes every channel
    const sub: Subscription =
      lastSeq === undefined ? state.subscription : { ...state.subscription, lastSeq };
    socket.emit('subscribe', sub, (res) => {
      if (!res.ok) this.error = res.error;
    });
  }

  private connect(token: string | null): void {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      auth: token ? { token } : {},
      transports: ['websocket', 'polling'],
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.connected = true;
      this.disconnectedAt = null;
      this.error = null;
      for (const state of this.channels()) this.subscribe(state, state.data?.seq);
    });
    socket.on('disconnect', (reason) => {
      this.connected = false;
      this.disconnectedAt = Date.now();
      // The server closed us on purpose (restart, deploy): socket.io does not retry that alone.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (err) => {
      if (err.message.startsWith('UNAUTHORIZED')) {
        this.unauthorized = true;
        this.error = err.message;
      } else {
        this.error = err.message;
        if (this.disconnectedAt === null) this.disconnectedAt = Date.now();
      }
    });
    socket.on('snapshot', (snapshot) => {
      if (!isSnapshot(snapshot)) return;
      const state = this.find(snapshot.channel);
      if (!state) return;
      this.lastBeatAt = Date.now();
      state.resyncing = false;
      state.data = fromSnapshot(snapshot);
      state.name = snapshot.name;
      if (state === this.region) this.alerts = recentAlerts(snapshot.alerts);
    });
    socket.on('scores', (frame) => {
      if (!isFrame(frame)) return;
      const state = this.find(frame.channel);
      if (!state?.data || state.resyncing) return;
      this.lastBeatAt = Date.now();
      const verdict = checkSeq(state.data.seq, frame.seq);
      if (verdict === 'gap') {
        state.resyncing = true;
        this.subscribe(state);
        return;
      }
      if (verdict !== 'apply') return;
      const result = applyFrame(state.data, frame);
      state.moves = markMoves(state.moves, state.data.entries, result.data.entries, Date.now());
      state.data = result.data;
      if (result.changed.length > 0) {
        const pulses = { ...state.pulses };
        for (const id of result.changed) pulses[id] = (pulses[id] ?? 0) + 1;
        state.pulses = pulses;
      }
      if (state === this.region && result.newlyBehind.length > 0) {
        for (const listener of this.behindListeners) listener(result.newlyBehind);
      }
    });
    socket.on('alert', (alert) => {
      if (!isAlert(alert)) return;
      const region = this.region?.subscription;
      if (region && 'region' in region && alert.region !== region.region) return;
      this.alerts = upsertAlert(this.alerts, alert);
      this.alertEvents += 1;
    });
    socket.on('heartbeat', (beat) => {
      if (!isHeartbeat(beat)) return;
      // A beat from a server without its data store confirms nothing: the data may be stale.
      this.serverLive = beat.live !== false;
      if (this.serverLive) this.lastBeatAt = Date.now();
      this.reloadIfNewBuild(beat.build);
    });
  }

  private reloadIfNewBuild(serverBuild: string): void {
    let last: ReloadAttempt | null = null;
    try {
      last = JSON.parse(sessionStorage.getItem(RELOAD_KEY) ?? 'null') as ReloadAttempt | null;
    } catch {
      last = null;
    }
    const now = Date.now();
    if (!shouldReload(__BUILD_ID__, serverBuild, last, now)) return;
    try {
      sessionStorage.setItem(RELOAD_KEY, JSON.stringify({ build: serverBuild, at: now }));
    } catch {
      // Without storage the backoff is lost, but the reload is still right.
    }
    location.reload();
  }
}

/** The page's live feed. */
export const live = new LiveFeed();
