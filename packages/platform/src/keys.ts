/**
 * Every Redis key the service uses, built in one place. Keys of one region share the hash tag
 * `{r:<region>}` so a region's Lua scripts stay in one Redis Cluster slot.
 */
export class KeySpace {
  constructor(readonly prefix: string) {}

  private region(region: string): string {
    return `${this.prefix}:{r:${region}}`;
  }
  /** Hash date → current value of one indicator of one district (numbers only, for scoring). */
  values(region: string, district: string, indicator: string): string {
    return `${this.region(region)}:v:${district}:${indicator}`;
  }
  /** Hash date → record JSON of the current value (`ValueRecord`): orders corrections. */
  valueMeta(region: string, district: string, indicator: string): string {
    return `${this.region(region)}:m:${district}:${indicator}`;
  }
  /** List of `ValueRecord` JSON: every applied value incl. corrections, in arrival order. */
  audit(region: string, district: string, indicator: string): string {
    return `${this.region(region)}:a:${district}:${indicator}`;
  }
  /** Sorted set obsId → accepted-at ms: applying an observation twice is a no-op. */
  seen(region: string): string {
    return `${this.region(region)}:seen`;
  }
  /** Hash district → data version (grows with every value written). */
  versions(region: string): string {
    return `${this.region(region)}:ver`;
  }
  /** Hash district → full DistrictScore JSON. */
  scores(region: string): string {
    return `${this.region(region)}:scores`;
  }
  /** Hash district → compact ScoreSummary JSON, what rankings are built from. */
  summaries(region: string): string {
    return `${this.region(region)}:sum`;
  }
  /** Hash district → `{ version, computedAt }` (ms) of the stored score: orders score writes. */
  scoreStamps(region: string): string {
    return `${this.region(region)}:sver`;
  }
  /** List of `{ bucket, score }` JSON, the sparkline (see `SPARKLINE` in core), oldest first. */
  sparkline(region: string, district: string): string {
    return `${this.region(region)}:sh:${district}`;
  }
  /** Hash date → closing score of that day. */
  dailyScores(region: string, district: string): string {
    return `${this.region(region)}:ds:${district}`;
  }
  /** List of `ConfigVersion` JSON: the region's scoring config as it changed, oldest first. */
  configVersions(region: string): string {
    return `${this.region(region)}:cfgv`;
  }
  /** Hash district → rank, as last seen on that date (yesterday's gives the rank change). */
  dailyRanks(region: string, date: string): string {
    return `${this.region(region)}:rk:${date}`;
  }
  /**
   * Hash fingerprint → Alert JSON: the alerts of one district, active and recently resolved. Per
   * district, so an evaluation reads only the districts it evaluates, whatever the region's size.
   */
  districtAlerts(region: string, district: string): string {
    return `${this.region(region)}:al:d:${district}`;
  }
  /** Set of the districts of a region that have stored alerts. */
  alertDistricts(region: string): string {
    return `${this.region(region)}:al:ds`;
  }
  /** Hash fingerprint → Alert JSON of a whole region, as version 0.2 stored them (migrated). */
  legacyAlerts(region: string): string {
    return `${this.region(region)}:al`;
  }
  /** List of AlertTransition JSON of one alert, oldest first, capped. */
  alertTransitions(region: string, id: string): string {
    return `${this.region(region)}:alt:${id}`;
  }
  /** Short lock held while a region's alerts are evaluated and written, or one is acknowledged. */
  alertLock(region: string): string {
    return `${this.region(region)}:al:lock`;
  }
  /** Set of the regions that have stored alerts, so a listing across regions needs no SCAN. */
  alertRegions(): string {
    return `${this.prefix}:al:regions`;
  }
  /** Hash silence id → Silence JSON. */
  silences(): string {
    return `${this.prefix}:silences`;
  }
  /** Hash region → rank in the national view on that date. */
  nationalRanks(date: string): string {
    return `${this.prefix}:national:rk:${date}`;
  }
  /** Stream of domain events every API node tails. */
  events(): string {
    return `${this.prefix}:events`;
  }
  /** Hash sha256(token) → ApiKeyRecord JSON. */
  apiKeys(): string {
    return `${this.prefix}:apikeys`;
  }
  /** Hash key id → ISO instant the key was last used (written at most once a minute per key). */
  apiKeyUse(): string {
    return `${this.prefix}:apikeys:used`;
  }
  /** Counter of one throttled thing (requests of a key, failed logins of an IP) in its window. */
  throttle(scope: string, subject: string): string {
    return `${this.prefix}:throttle:${scope}:${subject}`;
  }
  /** Stored claim and answer of a request made with an Idempotency-Key (JSON with named fields). */
  idempotency(principal: string, key: string): string {
    return `${this.prefix}:idk:${principal}:${key}`;
  }
  /**
   * Hash entry id → FailedNotificationRecord JSON: the notifications dead-letter list. Shares a
   * hash tag with its index so both change in one MULTI on a Redis Cluster.
   */
  failedNotifications(): string {
    return `{${this.prefix}:nf}:failed`;
  }
  /** Sorted set entry id → failed-at ms: orders the dead-letter list and trims its oldest. */
  failedNotificationIndex(): string {
    return `{${this.prefix}:nf}:failed:idx`;
  }
  /** Hash alert id → ms the alert was last sent to this channel (drives repeat intervals). */
  notifiedAt(channel: string): string {
    return `${this.prefix}:notify:sent:${channel}`;
  }
  /** Hash obsId → QuarantineItem JSON: values the quality gate held, and what became of them. */
  quarantine(region: string): string {
    return `${this.region(region)}:q`;
  }
  /** Sorted set obsId → reported-at ms of every quarantined value (listing, newest first). */
  quarantineIndex(region: string): string {
    return `${this.region(region)}:q:idx`;
  }
  /** Sorted set obsId → reported-at ms of the values still awaiting review. */
  quarantineHeld(region: string): string {
    return `${this.region(region)}:q:held`;
  }
  /** Stream of a region's audit events (values, corrections, quarantine); never trimmed. */
  regionAudit(region: string): string {
    return `${this.region(region)}:audit`;
  }
  /** Stream of audit events not tied to one region (keys, silences, uploads…); never trimmed. */
  globalAudit(): string {
    return `${this.prefix}:audit`;
  }
  /** Set of silence ids whose end is already in the audit trail (each is recorded once). */
  silencesEndedAudited(): string {
    return `${this.prefix}:audit:silences-ended`;
  }
  /**
   * Report uploads, all under one hash tag so an upload and its indexes change in one MULTI:
   * `rec` hash id → UploadRecord JSON, `rows:<id>` the per-value results JSON, `idx` / `by:<key>` /
   * `d:<district>` sorted sets id → ms, `sha:<sha256>:<scope>` → the first upload of that content.
   */
  uploads(part: string): string {
    return `{${this.prefix}:up}:${part}`;
  }
  /** BullMQ prefix; a hash tag keeps every queue key of one queue in one cluster slot. */
  queuePrefix(cluster: boolean): string {
    return cluster ? `{${this.prefix}:q}` : `${this.prefix}:q`;
  }
}
