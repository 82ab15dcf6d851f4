import { describe, expect, it } from 'vitest';
import { isRedisUnavailable } from '../src/redis';

/** Errors as ioredis and Redis word them: each is a moment without a store (503), not a bug (500). */
describe('isRedisUnavailable', () => {
  it.each([
    'Connection is closed.',
    'connect ECONNREFUSED 127.0.0.1:6390',
    'CLUSTERDOWN The cluster is down',
    'Too many Cluster redirections. Last error: Error: Connection is closed.',
    "READONLY You can't write against a read only replica.",
    'MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to no',
    'NOREPLICAS Not enough good replicas to write.',
    "Cluster isn't ready and enableOfflineQueue options is false",
    'LOADING Redis is loading the dataset in memory',
  ])('"%s" is unavailable', (message) => {
    expect(isRedisUnavailable(new Error(message))).toBe(true);
  });

  it('by name: every cluster node failed, or retries ran out', () => {
    for (const name of ['ClusterAllFailedError', 'MaxRetriesPerRequestError']) {
      const err = new Error('x');
      err.name = name;
      expect(isRedisUnavailable(err)).toBe(true);
    }
  });

  it('a script or programming error is not', () => {
    expect(isRedisUnavailable(new Error('ERR Error running script: attempt to index a nil'))).toBe(
      false,
    );
    expect(isRedisUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isRedisUnavailable('CLUSTERDOWN')).toBe(false);
  });
});
