import { describe, expect, it } from 'vitest';
import { parseRegionConfig, RegionConfigError } from '../src/index';
import { configInput, configText } from './factories';

/** Parses expecting a `RegionConfigError` and returns its issues. */
function issuesOf(text: string): string[] {
  try {
    parseRegionConfig(text, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(RegionConfigError);
    return (error as RegionConfigError).issues;
  }
  throw new Error('expected parseRegionConfig to throw');
}

const indicatorPatch = (i: number, fields: Record<string, unknown>) =>
  configText((region) => Object.assign(region.indicators[i] ?? {}, fields));

describe('parseRegionConfig: defaults', () => {
  it('applies every default and freezes the result', () => {
    const config = parseRegionConfig(configText(), 'test.yaml');
    const region = config.regions[0];
    expect(config.demo).toBe(false);
    expect(region?.timezone).toBe('Asia/Almaty');
    expect(region?.scoring).toEqual({ cap: 120, thresholds: { onTrack: 90, atRisk: 75 } });
    expect(region?.indicators[0]).toMatchObject({
      trajectory: 'linear',
      graceDays: 7,
      required: true,
      range: { min: 0, max: 100 },
    });
    expect(region?.indicators[1]?.range).toEqual({ min: 0, max: 5000 });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(region?.targets[0])).toBe(true);
  });

  it('keeps explicit values', () => {
    const text = configText((region) => {
      region.timezone = 'Asia/Qostanay';
      region.scoring = { cap: 150, thresholds: { onTrack: 95, atRisk: 95 } };
      Object.assign(region.indicators[0] ?? {}, {
        trajectory: 'flat',
        graceDays: 0,
        required: false,
        range: { min: 20 },
      });
    });
    const region = parseRegionConfig(text, 'test.yaml').regions[0];
    expect(region?.timezone).toBe('Asia/Qostanay');
    expect(region?.scoring).toEqual({ cap: 150, thresholds: { onTrack: 95, atRisk: 95 } });
    expect(region?.indicators[0]).toMatchObject({
      trajectory: 'flat',
      graceDays: 0,
      required: false,
      range: { min: 20, max: 100 },
    });
  });

  it('reads YAML as well as JSON', () => {
    const yaml = `
version: 1
demo: true
regions:
  - id: aqmola
    name: { ru: Акмолинская область, kk: Ақмола облысы, en: Aqmola Region }
    indicators:
      - { id: jobs, name: { ru: x, kk: y, en: z }, unit: jobs, category: economy, direction: higher, weight: 1, mode: sum, frequencyDays: 30 }
    districts:
      - { id: akkol, kind: district, name: { ru: Аккольский район, kk: Ақкөл ауданы, en: Akkol District } }
    targets:
      - { district: akkol, indicator: jobs, year: 2026, target: 250 }
`;
    const config = parseRegionConfig(yaml, 'inline.yaml');
    expect(config.demo).toBe(true);
    expect(config.regions[0]?.districts[0]?.name.kk).toBe('Ақкөл ауданы');
    expect(config.regions[0]?.indicators[0]?.range).toBeUndefined();
  });

  it('does not change its input', () => {
    const input = configInput();
    const before = structuredClone(input);
    parseRegionConfig(JSON.stringify(input), 'test.json');
    expect(input).toEqual(before);
  });
});

describe('parseRegionConfig: problems', () => {
  it('names a duplicate district id by path', () => {
    const text = configText((region) => {
      region.districts.push(
        { id: 'zerendi', kind: 'district', name: { ru: 'З', kk: 'З', en: 'Z' } },
        { id: 'akkol', kind: 'district', name: { ru: 'А', kk: 'А', en: 'A' } },
      );
    });
    expect(issuesOf(text)).toEqual([
      'regions[0].districts[3].id: duplicate "akkol" (first at regions[0].districts[1].id)',
    ]);
  });

  it('needs district ids unique across regions, since observations name only the district', () => {
    const input = configInput();
    const other = structuredClone(input.regions[0]);
    if (!other) throw new Error('factory has a region');
    other.id = 'pavlodar';
    input.regions.push(other);
    const issues = issuesOf(JSON.stringify(input));
    expect(issues).toContain(
      'regions[1].districts[0].id: duplicate "kokshetau" (first at regions[0].districts[0].id)',
    );
    expect(issues).toContain(
      'regions[1].districts[1].id: duplicate "akkol" (first at regions[0].districts[1].id)',
    );
  });

  it('needs unique region ids and indicator ids', () => {
    const input = configInput((region) => {
      region.indicators.push({ ...structuredClone(region.indicators[1]!), weight: 2 });
    });
    input.regions.push({
      ...structuredClone(input.regions[0]!),
      districts: [{ id: 'other', kind: 'city', name: { ru: 'x', kk: 'x', en: 'x' } }],
      targets: [],
    });
    const issues = issuesOf(JSON.stringify(input));
    expect(issues).toContain(
      'regions[0].indicators[2].id: duplicate "jobs_created" (first at regions[0].indicators[1].id)',
    );
    // Indicator ids are per region: the second region may reuse them.
    expect(issues.filter((issue) => issue.startsWith('regions[1].indicators'))).toHaveLength(1);
    expect(issues).toContain('regions[1].id: duplicate "aqmola" (first at regions[0].id)');
  });

  it('names unknown districts and indicators in targets', () => {
    const text = configText((region) => {
      region.targets.push({
        district: 'atlantis',
        indicator: 'jobs_created',
        year: 2026,
        target: 1,
      });
      region.targets.push({ district: 'akkol', indicator: 'happiness', year: 2026, target: 1 });
    });
    expect(issuesOf(text)).toEqual([
      'regions[0].targets[2].district: unknown district "atlantis" in region aqmola',
      'regions[0].targets[3].indicator: unknown indicator "happiness" in region aqmola',
    ]);
  });

  it('rejects a second target for the same district, indicator and year', () => {
    const text = configText((region) => {
      region.targets.push({
        district: 'akkol',
        indicator: 'jobs_created',
        year: 2026,
        target: 300,
      });
      region.targets.push({
        district: 'akkol',
        indicator: 'jobs_created',
        year: 2027,
        target: 300,
      });
    });
    expect(issuesOf(text)).toEqual([
      'regions[0].targets[2]: duplicate target for akkol / jobs_created / 2026 (first at regions[0].targets[1])',
    ]);
  });

  it.each([
    [0, 'regions[0].indicators[2].weight: must be > 0, got 0'],
    [-1, 'regions[0].indicators[2].weight: must be > 0, got -1'],
    ['heavy', 'regions[0].indicators[2].weight: must be a number, got "heavy"'],
  ])('rejects weight %s', (weight, expected) => {
    const text = configText((region) => {
      region.indicators.push({ ...structuredClone(region.indicators[1]!), id: 'x' });
      Object.assign(region.indicators[2]!, { weight });
    });
    expect(issuesOf(text)).toEqual([expected]);
  });

  it('rejects an unknown time zone', () => {
    const text = configText((region) => {
      region.timezone = 'Asia/Kokshetau';
    });
    expect(issuesOf(text)).toEqual([
      'regions[0].timezone: unknown time zone "Asia/Kokshetau" (use an IANA name like "Asia/Almaty")',
    ]);
  });

  it('rejects onTrack below atRisk', () => {
    const text = configText((region) => {
      region.scoring = { thresholds: { onTrack: 70, atRisk: 80 } };
    });
    expect(issuesOf(text)).toEqual([
      'regions[0].scoring.thresholds.onTrack: must be >= atRisk (80), got 70',
    ]);
  });

  it('rejects a % range outside 0-100 and a range with min above max', () => {
    expect(issuesOf(indicatorPatch(0, { range: { min: -5, max: 120 } }))).toEqual([
      "regions[0].indicators[0].range.min: a % indicator's range must lie within 0-100, got -5",
      "regions[0].indicators[0].range.max: a % indicator's range must lie within 0-100, got 120",
    ]);
    expect(issuesOf(indicatorPatch(1, { range: { min: 10, max: 5 } }))).toEqual([
      'regions[0].indicators[1].range.min: must be <= range.max (5), got 10',
    ]);
  });

  it('explains wrong types, missing and unknown properties in words', () => {
    expect(issuesOf(indicatorPatch(0, { frequencyDays: '30' }))).toEqual([
      'regions[0].indicators[0].frequencyDays: must be an integer, got "30"',
    ]);
    expect(issuesOf(indicatorPatch(0, { direction: 'up' }))).toEqual([
      'regions[0].indicators[0].direction: must be one of "higher", "lower", got "up"',
    ]);
    expect(issuesOf(indicatorPatch(0, { id: 'Road Quality' }))).toEqual([
      'regions[0].indicators[0].id: must be a lowercase Latin id (a-z, 0-9, _; starting with a letter), got "Road Quality"',
      // The cross-checks still run, so the target that named the old id is reported too.
      'regions[0].targets[0].indicator: unknown indicator "road_quality" in region aqmola',
    ]);
    expect(issuesOf(indicatorPatch(0, { colour: 'red' }))).toEqual([
      expect.stringMatching(
        /^regions\[0\]\.indicators\[0\]\.colour: unknown property \(allowed: id, name,/,
      ),
    ]);
    const missing = configText((region) => {
      delete (region.districts[0] as { kind?: string }).kind;
    });
    expect(issuesOf(missing)).toEqual(['regions[0].districts[0].kind: is required']);
    expect(issuesOf('version: 2\nregions: []\n')).toEqual([
      'version: must be 1, got 2',
      'regions: must have at least 1 item(s)',
    ]);
    expect(issuesOf('')).toEqual(['(root): must be a mapping, got null']);
  });

  it('reports several problems together, in file order, with lines in the message', () => {
    const yaml = `version: 1
regions:
  - id: aqmola
    name: { ru: x, kk: y, en: z }
    timezone: Mars/Olympus
    indicators:
      - { id: jobs, name: { ru: x, kk: y, en: z }, unit: jobs, category: economy, direction: higher, weight: 0, mode: sum, frequencyDays: 30 }
    districts:
      - { id: akkol, kind: district, name: { ru: x, kk: y, en: z } }
      - { id: akkol, kind: town, name: { ru: x, kk: y, en: z } }
    targets:
      - { district: akkol, indicator: jobs, year: 2026, target: 1 }
      - { district: nowhere, indicator: jobs, year: 2026, target: 1 }
`;
    let error: unknown;
    try {
      parseRegionConfig(yaml, 'regions/broken.yaml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RegionConfigError);
    const { issues, message, source } = error as RegionConfigError;
    expect(source).toBe('regions/broken.yaml');
    expect(issues).toEqual([
      'regions[0].timezone: unknown time zone "Mars/Olympus" (use an IANA name like "Asia/Almaty")',
      'regions[0].indicators[0].weight: must be > 0, got 0',
      'regions[0].districts[1].kind: must be one of "district", "city", got "town"',
      'regions[0].districts[1].id: duplicate "akkol" (first at regions[0].districts[0].id)',
      'regions[0].targets[1].district: unknown district "nowhere" in region aqmola',
    ]);
    expect(message).toContain('Invalid region config regions/broken.yaml (5 problem(s))');
    expect(message).toContain('line 5: regions[0].timezone');
    expect(message).toContain('line 10: regions[0].districts[1].id: duplicate "akkol"');
    expect(message).toContain('line 13: regions[0].targets[1].district');
  });

  it('reports YAML syntax errors with their position', () => {
    const issues = issuesOf('version: 1\nregions:\n  - id: a\n    id: b\n');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/unique.*line 4, column 5/i);
  });
});

describe('parseRegionConfig: alert overrides', () => {
  it('names an override that points at an unknown district or indicator', () => {
    const text = configText((region) => {
      region.alerts = {
        overrides: [
          { rule: 'behind_plan', district: 'akol' },
          { rule: 'stale_data', indicator: 'road_qualty' },
        ],
      };
    });
    expect(issuesOf(text)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('regions[0].alerts.overrides[0].district: unknown district "akol"'),
        expect.stringContaining(
          'regions[0].alerts.overrides[1].indicator: unknown indicator "road_qualty"',
        ),
      ]),
    );
  });
});
