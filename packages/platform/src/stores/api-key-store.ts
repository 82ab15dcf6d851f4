import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ApiKeyRecord, Role } from '@region-score/contracts';
import type { KeySpace } from '../keys';

/** Keys are stored only as a SHA-256 of the token: a Redis dump does not leak usable keys. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** API keys (`<prefix>:apikeys`, hash sha256(token) → ApiKeyRecord JSON). */
export class ApiKeyStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  /** Creates a key and returns the token, shown once. */
  async create(
    input: { role: Role; districts?: string[]; label?: string; id?: string },
    at: Date,
  ): Promise<{ token: string; record: ApiKeyRecord }> {
    const id = input.id ?? randomBytes(6).toString('hex');
    const token = `rs_${id}_${randomBytes(24).toString('base64url')}`;
    const record: ApiKeyRecord = {
      id,
      role: input.role,
      districts: input.role === 'reporter' ? (input.districts ?? []) : [],
      label: input.label ?? '',
      createdAt: at.toISOString(),
    };
    // A key id is unique: re-creating one (e.g. the simulator's at each start) replaces it.
    await this.revoke(id);
    await this.redis.hset(this.keys.apiKeys(), hashToken(token), JSON.stringify(record));
    return { token, record };
  }

  /** The record of a token, or null when unknown or revoked. */
  async find(token: string): Promise<ApiKeyRecord | null> {
    const json = await this.redis.hget(this.keys.apiKeys(), hashToken(token));
    return json ? (JSON.parse(json) as ApiKeyRecord) : null;
  }

  /** Every key record, oldest first (tokens are not recoverable). */
  async list(): Promise<ApiKeyRecord[]> {
    const hash = await this.redis.hgetall(this.keys.apiKeys());
    return Object.values(hash)
      .map((json) => JSON.parse(json) as ApiKeyRecord)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Revokes a key by id; true when one existed. */
  async revoke(id: string): Promise<boolean> {
    const hash = await this.redis.hgetall(this.keys.apiKeys());
    const victims = Object.entries(hash)
      .filter(([, json]) => (JSON.parse(json) as ApiKeyRecord).id === id)
      .map(([h]) => h);
    if (victims.length === 0) return false;
    await this.redis.hdel(this.keys.apiKeys(), ...victims);
    return true;
  }
}
