import type {
  AsOfBasis,
  ConfigLabels,
  ConfigVersion,
  Indicator,
  Region,
  ScoringConfig,
} from '@region-score/contracts';

/**
 * The scoring-relevant part of a region's config, in a fixed key order (targets sorted) so equal
 * configs serialize, and hash, alike. Names and units are not part of it (see `configLabels`).
 */
export function scoringConfigOf(region: Region): ScoringConfig {
  return {
    timezone: region.timezone,
    scoring: {
      cap: region.scoring.cap,
      thresholds: {
        onTrack: region.scoring.thresholds.onTrack,
        atRisk: region.scoring.thresholds.atRisk,
      },
    },
    indicators: region.indicators.map((i) => ({
      id: i.id,
      direction: i.direction,
      weight: i.weight,
      mode: i.mode,
      trajectory: i.trajectory,
      frequencyDays: i.frequencyDays,
      graceDays: i.graceDays,
      required: i.required,
    })),
    districts: region.districts.map((d) => ({ id: d.id, kind: d.kind })),
    targets: [...region.targets]
      .sort(
        (a, b) =>
          a.district.localeCompare(b.district) ||
          a.indicator.localeCompare(b.indicator) ||
          a.year - b.year,
      )
      .map((t) => ({
        district: t.district,
        indicator: t.indicator,
        year: t.year,
        target: t.target,
        ...(t.baseline === undefined ? {} : { baseline: t.baseline }),
      })),
  };
}

/** The names and units of a region's indicators and districts, kept beside a stored version. */
export function configLabelsOf(region: Region): ConfigLabels {
  return {
    indicators: Object.fromEntries(
      region.indicators.map((i) => [
        i.id,
        {
          name: i.name,
          unit: i.unit,
          ...(i.unitName ? { unitName: i.unitName } : {}),
          category: i.category,
        },
      ]),
    ),
    districts: Object.fromEntries(region.districts.map((d) => [d.id, { name: d.name }])),
  };
}

/**
 * The version in force at `at` (epoch ms): the last one stored by then. A day before the first
 * stored version gets the first (the oldest config known), and `basisOf` says so.
 */
export function versionAt(versions: readonly ConfigVersion[], at: number): ConfigVersion | null {
  let found: ConfigVersion | null = null;
  for (const v of versions) if (v.since <= at && (!found || v.since >= found.since)) found = v;
  return found ?? versions[0] ?? null;
}

/**
 * `region` as it was scored under a stored version: the version's indicators (weights,
 * directions, modes, …), districts, targets, thresholds and zone, with today's names for what
 * still exists and the stored ones for what is gone. Alert rules and other non-scoring settings
 * are today's.
 */
export function regionUnder(region: Region, stored: ConfigVersion): Region {
  const { config, labels } = stored;
  const todayIndicators = new Map(region.indicators.map((i) => [i.id, i]));
  const todayDistricts = new Map(region.districts.map((d) => [d.id, d]));
  const indicators: Indicator[] = config.indicators.map((i) => {
    const today = todayIndicators.get(i.id);
    const label = labels.indicators[i.id];
    const display = today ?? {
      name: label?.name ?? { ru: i.id, kk: i.id, en: i.id },
      unit: label?.unit ?? '',
      ...(label?.unitName ? { unitName: label.unitName } : {}),
      category: label?.category ?? 'other',
    };
    return { ...display, ...i };
  });
  return {
    ...region,
    timezone: config.timezone,
    scoring: config.scoring,
    indicators,
    districts: config.districts.map((d) => {
      const today = todayDistricts.get(d.id);
      return today
        ? { ...today, kind: d.kind }
        : {
            id: d.id,
            kind: d.kind,
            name: labels.districts[d.id]?.name ?? { ru: d.id, kk: d.id, en: d.id },
          };
    }),
    targets: config.targets,
  };
}

/**
 * What a day ending at `at` is recomputed with, said in the reply: the config version in force
 * then and its methodology version, `current` when that is the running code's.
 */
export function basisOf(
  date: string,
  stored: ConfigVersion | null,
  at: number,
  methodology: string,
): AsOfBasis {
  if (!stored) {
    return {
      date,
      configVersion: 0,
      configSince: null,
      methodology,
      current: true,
      note: "no config version was stored for this region; recomputed with today's config",
    };
  }
  const notes: string[] = [];
  if (stored.methodology !== methodology) {
    notes.push(
      `the day was scored with methodology ${stored.methodology}; it is recomputed with the ` +
        `formulas of ${methodology} (older code is not kept), so scores may differ from those shown then`,
    );
  }
  if (stored.since > at) {
    notes.push(
      `the oldest stored config (version ${stored.version}) came into force after this day; ` +
        'the config in force then is not known',
    );
  }
  return {
    date,
    configVersion: stored.version,
    configSince: new Date(stored.since).toISOString(),
    methodology: stored.methodology,
    current: stored.methodology === methodology,
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
  };
}
