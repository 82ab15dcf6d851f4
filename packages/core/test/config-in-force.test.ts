import { describe, expect, it } from 'vitest';
import type { ConfigVersion } from '@region-score/contracts';
import {
  basisOf,
  configLabelsOf,
  regionUnder,
  scoringConfigOf,
  versionAt,
  yearBefore,
} from '../src/history/index';
import { makeDistrict, makeIndicator, makeRegion, makeTarget, names } from './factories';

const stored = (
  version: number,
  since: string,
  region = makeRegion(),
  methodology = '1.1.0',
): ConfigVersion => ({
  version,
  hash: `h${version}`,
  since: Date.parse(since),
  methodology,
  config: scoringConfigOf(region),
  labels: configLabelsOf(region),
});

describe('the scoring config in force on a day', () => {
  it('serializes equal configs alike whatever the order of targets, names left out', () => {
    const a = makeRegion({
      targets: [makeTarget({ district: 'beta' }), makeTarget({ district: 'alpha' })],
    });
    const b = makeRegion({
      name: names('Renamed'),
      indicators: [makeIndicator({ name: names('Jobs created') })],
      targets: [makeTarget({ district: 'alpha' }), makeTarget({ district: 'beta' })],
    });
    expect(JSON.stringify(scoringConfigOf(a))).toBe(JSON.stringify(scoringConfigOf(b)));
    const c = makeRegion({ indicators: [makeIndicator({ weight: 2 })] });
    expect(JSON.stringify(scoringConfigOf(c))).not.toBe(JSON.stringify(scoringConfigOf(a)));
  });

  it('picks the last version stored by the moment, the first for a moment before any', () => {
    const versions = [stored(1, '2026-06-01T00:00:00Z'), stored(2, '2026-06-10T00:00:00Z')];
    expect(versionAt(versions, Date.parse('2026-06-09T23:59:59Z'))?.version).toBe(1);
    expect(versionAt(versions, Date.parse('2026-06-10T00:00:00Z'))?.version).toBe(2);
    expect(versionAt(versions, Date.parse('2026-05-01T00:00:00Z'))?.version).toBe(1);
    expect(versionAt([], Date.now())).toBeNull();
  });

  it("rebuilds the region under a version: its weights and targets, today's names", () => {
    const then = makeRegion({
      indicators: [
        makeIndicator({ weight: 3 }),
        makeIndicator({ id: 'roads', name: names('Old roads') }),
      ],
      districts: [makeDistrict('alpha'), makeDistrict('beta'), makeDistrict('gone')],
      targets: [makeTarget({ target: 50 })],
    });
    const today = makeRegion({ indicators: [makeIndicator({ name: names('Jobs now') })] });
    const region = regionUnder(today, stored(1, '2026-01-01T00:00:00Z', then));
    expect(region.indicators.map((i) => [i.id, i.weight, i.name.en])).toEqual([
      ['jobs', 3, 'Jobs now'],
      ['roads', 1, 'Old roads'],
    ]);
    expect(region.districts.map((d) => d.id)).toEqual(['alpha', 'beta', 'gone']);
    expect(region.targets).toEqual([makeTarget({ target: 50 })]);
  });

  it('says when the stored methodology is not the running code’s, or the config predates the record', () => {
    const v = stored(2, '2026-06-10T00:00:00Z', makeRegion(), '1.0.0');
    const basis = basisOf('2026-06-12', v, Date.parse('2026-06-12T18:59:59Z'), '1.1.0');
    expect(basis).toMatchObject({ configVersion: 2, methodology: '1.0.0', current: false });
    expect(basis.note).toMatch(/1\.0\.0.*1\.1\.0/);
    const early = basisOf('2026-06-01', v, Date.parse('2026-06-01T18:59:59Z'), '1.0.0');
    expect(early).toMatchObject({ current: true });
    expect(early.note).toMatch(/after this day/);
    expect(basisOf('2026-06-01', null, 0, '1.1.0')).toMatchObject({
      configVersion: 0,
      current: true,
    });
  });
});

describe('the same day a year earlier', () => {
  it('is the same date of the year before, 29 February the 28th', () => {
    expect(yearBefore('2026-06-30')).toBe('2025-06-30');
    expect(yearBefore('2024-02-29')).toBe('2023-02-28');
    expect(yearBefore('2026-01-01')).toBe('2025-01-01');
  });
});
