import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Silence } from '@region-score/contracts';
import { compareSilences, expiredSilenceIds } from '@region-score/core';
import type { KeySpace } from '../keys';

/** Silences (`<prefix>:silences`, hash id → Silence JSON). */
export class SilenceStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  /** Every stored silence (active, future and recently ended), in core's listing order. */
  async list(): Promise<Silence[]> {
    const hash = await this.redis.hgetall(this.keys.silences());
    return Object.values(hash)
      .map((json) => JSON.parse(json) as Silence)
      .sort(compareSilences);
  }

  /** Stores a new silence with a fresh id; silences past their retention are pruned on the way. */
  async add(input: Omit<Silence, 'id'>, at: Date): Promise<Silence> {
    const silence: Silence = { id: randomUUID(), ...input };
    const expired = expiredSilenceIds(await this.list(), at);
    const tx = this.redis.multi().hset(this.keys.silences(), silence.id, JSON.stringify(silence));
    if (expired.length > 0) tx.hdel(this.keys.silences(), ...expired);
    await tx.exec();
    return silence;
  }

  /** Deletes a silence; false when there was none with this id. */
  async delete(id: string): Promise<boolean> {
    return (await this.redis.hdel(this.keys.silences(), id)) === 1;
  }
}
