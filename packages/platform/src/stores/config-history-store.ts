import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ConfigVersion, Region } from '@region-score/contracts';
import { configLabelsOf, scoringConfigOf } from '@region-score/core';
import type { KeySpace } from '../keys';

/**
 * The history of each region's scoring config: a version (indicators with their weights,
 * directions and modes, targets, baselines, thresholds, zone) with the instant it came into force
 * and the methodology version of the code that ran it. Time travel scores a past day with the
 * version in force at its end.
 */
export class ConfigHistoryStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  /**
   * Stores `region`'s scoring config as in force from `since`, unless the latest stored version
   * has the same content and methodology (`record-config.lua`: one version however many
   * processes start with it at once).
   */
  async record(
    region: Region,
    since: Date,
    methodology: string,
  ): Promise<{ version: number; stored: boolean }> {
    const config = scoringConfigOf(region);
    const hash = createHash('sha256').update(JSON.stringify(config)).digest('hex');
    const body = JSON.stringify({
      hash,
      since: since.getTime(),
      methodology,
      config,
      labels: configLabelsOf(region),
    });
    const [version, stored] = await this.redis.rsRecordConfig(
      1,
      this.keys.configVersions(region.id),
      hash,
      methodology,
      body,
    );
    return { version, stored: stored === 1 };
  }

  /** Every stored version of a region, oldest first (a handful: one per config change). */
  async versions(region: string): Promise<ConfigVersion[]> {
    const list = await this.redis.lrange(this.keys.configVersions(region), 0, -1);
    return list.map((json) => JSON.parse(json) as ConfigVersion);
  }
}
