import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ApiKeyListing, ApiKeyRecord, Role } from '@region-score/contracts';
import type { KeySpace } from '../keys';

/** Keys are stored only as a SHA-256 of the token: a Redis dump does not leak usable keys. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** What a new key is for. */
export interface NewApiKey {
  role: Role;
  districts?: string[];
  regions?: string[];
  label?: string;
  /** A chosen id (e.g. the simulator's); default random. Re-creating an id replaces its key. */
  id?: string;
  expiresAt?: Date | null;
}

/**
 * API keys (`<prefix>:apikeys`, hash sha256(token) → ApiKeyRecord JSON) and when each was last
 * used (`<prefix>:apikeys:used`, hash id → ISO instant). One key id may have two tokens for a
 * while: rotation issues a new one and lets the old one expire after a grace period.
 */
export class ApiKeyStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  /** Creates a key and returns the token, shown once. */
  async create(input: NewApiKey, at: Date): Promise<{ token: string; record: ApiKeyRecord }> {
    const id = input.id ?? randomBytes(6).toString('hex');
    const record: ApiKeyRecord = {
      id,
      role: input.role,
      districts: input.role === 'reporter' ? (input.districts ?? []) : [],
      regions: input.regions ?? [],
      label: input.label ?? '',
      createdAt: at.toISOString(),
      expiresAt: input.expiresAt ? input.expiresAt.toISOString() : null,
    };
    await this.revoke(id);
    return { token: await this.issue(record), record };
  }

  /**
   * Rotates a key without downtime: a new token with the same id, role and scope; the old token
   * keeps working for `graceMs` (so screens and scripts can be switched over), then expires.
   * Null when there is no key with this id.
   */
  async rotate(
    id: string,
    graceMs: number,
    at: Date,
  ): Promise<{ token: string; record: ApiKeyRecord; oldExpiresAt: string } | null> {
    const entries = await this.entries();
    const current = entries.filter(([, r]) => r.id === id);
    const latest = current.sort((a, b) => b[1].createdAt.localeCompare(a[1].createdAt))[0];
    if (!latest) return null;
    const oldExpiresAt = new Date(at.getTime() + graceMs).toISOString();
    const tx = this.redis.multi();
    for (const [hash, record] of current) {
      const until =
        record.expiresAt && record.expiresAt < oldExpiresAt ? record.expiresAt : oldExpiresAt;
      tx.hset(this.keys.apiKeys(), hash, JSON.stringify({ ...record, expiresAt: until }));
    }
    await tx.exec();
    const record: ApiKeyRecord = { ...latest[1], createdAt: at.toISOString() };
    return { token: await this.issue(record), record, oldExpiresAt };
  }

  /** The record of a token, or null when unknown or revoked (expiry is the caller's check). */
  async find(token: string): Promise<ApiKeyRecord | null> {
    const json = await this.redis.hget(this.keys.apiKeys(), hashToken(token));
    return json ? (JSON.parse(json) as ApiKeyRecord) : null;
  }

  /** Records that a key was used at `at` (callers throttle this; it is a write). */
  async touch(id: string, at: Date): Promise<void> {
    await this.redis.hset(this.keys.apiKeyUse(), id, at.toISOString());
  }

  /** Every key, oldest first, with when it was last used (tokens are not recoverable). */
  async list(): Promise<ApiKeyListing[]> {
    const [entries, used] = await Promise.all([
      this.entries(),
      this.redis.hgetall(this.keys.apiKeyUse()),
    ]);
    return entries
      .map(([, record]) => ({ ...record, lastUsedAt: used[record.id] ?? null }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Revokes every token of a key id; true when one existed. */
  async revoke(id: string): Promise<boolean> {
    const victims = (await this.entries()).filter(([, r]) => r.id === id).map(([h]) => h);
    if (victims.length === 0) return false;
    // Two keys, two commands (they may live in different cluster slots): the tokens go first.
    await this.redis.hdel(this.keys.apiKeys(), ...victims);
    await this.redis.hdel(this.keys.apiKeyUse(), id);
    return true;
  }

  private async issue(record: ApiKeyRecord): Promise<string> {
    const token = `rs_${record.id}_${randomBytes(24).toString('base64url')}`;
    await this.redis.hset(this.keys.apiKeys(), hashToken(token), JSON.stringify(record));
    return token;
  }

  private async entries(): Promise<[string, ApiKeyRecord][]> {
    const hash = await this.redis.hgetall(this.keys.apiKeys());
    return Object.entries(hash).map(([h, json]) => [h, JSON.parse(json) as ApiKeyRecord]);
  }
}
