import { describe, expect, it } from 'vitest';
import {
  connectionView,
  NOT_LIVE_AFTER_MS,
  RELOAD_BACKOFF_MS,
  shouldReload,
} from '../../src/lib/live/health';

const facts = {
  connected: true,
  unauthorized: false,
  lastBeatAt: 1000,
  disconnectedAt: null,
  serverLive: true,
};

describe('connectionView', () => {
  it('is live while heartbeats arrive', () => {
    expect(connectionView(facts, 2000)).toEqual({ kind: 'live', since: null });
  });

  it('is stale since the last heartbeat once three are missed', () => {
    expect(connectionView(facts, 20_000)).toEqual({ kind: 'stale', since: 1000 });
  });

  it('is not live within 3 s of the last heartbeat, even with the socket still open', () => {
    expect(connectionView(facts, 1000 + NOT_LIVE_AFTER_MS).kind).toBe('live');
    expect(NOT_LIVE_AFTER_MS).toBeLessThan(3000);
    expect(connectionView(facts, 1001 + NOT_LIVE_AFTER_MS)).toEqual({
      kind: 'reconnecting',
      since: 1000,
    });
  });

  it('is not live while the server says it lost its data store', () => {
    expect(connectionView({ ...facts, serverLive: false }, 1500).kind).toBe('reconnecting');
  });

  it('is reconnecting right after the socket drops', () => {
    expect(connectionView({ ...facts, connected: false, disconnectedAt: 4000 }, 6000).kind).toBe(
      'reconnecting',
    );
  });

  it('says connecting before the first heartbeat and unauthorized on a bad key', () => {
    expect(connectionView({ ...facts, lastBeatAt: null, connected: false }, 0).kind).toBe(
      'connecting',
    );
    expect(connectionView({ ...facts, unauthorized: true }, 0).kind).toBe('unauthorized');
  });
});

describe('shouldReload', () => {
  it('reloads when the server names another build', () => {
    expect(shouldReload('b1', 'b2', null, 0)).toBe(true);
    expect(shouldReload('b1', 'b1', null, 0)).toBe(false);
  });

  it('never reloads the dev server or on an empty id', () => {
    expect(shouldReload('dev', 'b2', null, 0)).toBe(false);
    expect(shouldReload('b1', '', null, 0)).toBe(false);
  });

  it('does not loop when it just reloaded for the same build', () => {
    const last = { build: 'b2', at: 1000 };
    expect(shouldReload('b1', 'b2', last, 2000)).toBe(false);
    expect(shouldReload('b1', 'b2', last, 1000 + RELOAD_BACKOFF_MS + 1)).toBe(true);
    expect(shouldReload('b1', 'b3', last, 2000)).toBe(true);
  });
});
