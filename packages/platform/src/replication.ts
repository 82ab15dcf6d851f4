import calculateSlot from 'cluster-key-slot';
import type { Redis } from 'ioredis';

type Node = Redis & { options: { host?: string; port?: number } };
type ClusterLike = Redis & { isCluster?: boolean; slots: string[][]; nodes(role?: string): Node[] };

/**
 * Makes acknowledged writes survive the loss of a primary: after a write the caller confirms it
 * reached `replicas` replicas (Redis `WAIT`) before it answers anyone. Redis replication is
 * asynchronous, so without this a failover can lose writes a primary acknowledged just before it
 * died. `WAIT` counts the writes of one connection, so on a cluster it is sent on the connection
 * to the primary serving the key's slot. Concurrent confirmations share one `WAIT` (group
 * commit). With `replicas` 0 (the default: a single Redis with AOF) nothing is waited for.
 */
export class Replication {
  private readonly inFlight = new Map<string, { done: Promise<number>; again: boolean }>();

  constructor(
    private readonly redis: Redis,
    readonly replicas: number,
    private readonly timeoutMs = 1000,
  ) {}

  /**
   * Resolves with how many replicas have every write made so far on the connection serving
   * `key` (Infinity when none are required); fewer than asked means the timeout passed first.
   */
  async confirm(key: string): Promise<number> {
    if (this.replicas <= 0) return Infinity;
    const node = this.nodeFor(key);
    const id = `${node.options.host ?? ''}:${node.options.port ?? ''}`;
    const running = this.inFlight.get(id);
    if (running) {
      // Writes made after that WAIT started are not covered by it: wait for the next one.
      running.again = true;
      await running.done.catch(() => undefined);
      return this.confirm(key);
    }
    const entry = { done: Promise.resolve(0), again: false };
    entry.done = (node.call('WAIT', this.replicas, this.timeoutMs) as Promise<number>).finally(
      () => {
        this.inFlight.delete(id);
      },
    );
    this.inFlight.set(id, entry);
    return entry.done;
  }

  private nodeFor(key: string): Node {
    const cluster = this.redis as ClusterLike;
    if (!cluster.isCluster) return this.redis as Node;
    const [primary] = cluster.slots[calculateSlot(key)] ?? [];
    const node = cluster
      .nodes('master')
      .find((n) => `${n.options.host}:${n.options.port}` === primary);
    if (!node) throw new Error(`Connection is closed: no primary known for the slot of ${key}`);
    return node;
  }
}
