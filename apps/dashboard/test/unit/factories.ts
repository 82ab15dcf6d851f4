import type {
  Alert,
  FrameEntry,
  RankingEntry,
  ScoresFrame,
  Snapshot,
} from '@region-score/contracts';

/** A ranking entry in one line: `entry({ id: 'a', rank: 2 })`. */
export function entry(over: Partial<RankingEntry> = {}): RankingEntry {
  const id = over.id ?? 'kokshetau';
  return {
    id,
    kind: 'district',
    name: { ru: id, kk: id, en: id },
    score: 90,
    rank: 1,
    rankChange: 0,
    status: 'on_track',
    coverage: 1,
    version: 1,
    history: [88, 89, 90],
    sparkBucket: 100,
    ...over,
  };
}

/** A changed row of a frame in one line: `change({ id: 'a', score: 99 })`. */
export function change(over: Partial<FrameEntry> = {}): FrameEntry {
  const { name: _name, history, ...rest } = entry({ id: over.id ?? 'kokshetau' });
  return { ...rest, point: history.at(-1) ?? 90, ...over };
}

export function snapshot(entries: RankingEntry[], over: Partial<Snapshot> = {}): Snapshot {
  return {
    channel: 'region:aqmola',
    seq: 10,
    at: '2025-06-01T10:00:00Z',
    name: { ru: 'Акмолинская область', kk: 'Ақмола облысы', en: 'Aqmola Region' },
    score: 85,
    status: 'at_risk',
    entries,
    alerts: [],
    ...over,
  };
}

export function frame(changes: FrameEntry[], over: Partial<ScoresFrame> = {}): ScoresFrame {
  return {
    channel: 'region:aqmola',
    seq: 11,
    at: '2025-06-01T10:00:01Z',
    score: 86,
    status: 'at_risk',
    changes,
    ...over,
  };
}

export function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: 'a1',
    rule: 'behind_plan',
    severity: 'warning',
    state: 'firing',
    region: 'aqmola',
    district: 'kokshetau',
    indicator: 'jobs',
    summary: 'behind plan',
    value: 50,
    threshold: 80,
    activeAt: '2025-06-01T09:00:00Z',
    firedAt: '2025-06-01T09:05:00Z',
    resolvedAt: null,
    updatedAt: '2025-06-01T09:05:00Z',
    ack: null,
    silencedBy: null,
    ...over,
  };
}
