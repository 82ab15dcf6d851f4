import type { RegionConfigInput, RegionInput } from '@region-score/contracts';

const name = (en: string) => ({ ru: en, kk: en, en });

/** A valid one-region config input: two districts, two indicators, one target each. */
export function configInput(patch: (region: RegionInput) => void = () => {}): RegionConfigInput {
  const region: RegionInput = {
    id: 'aqmola',
    name: name('Aqmola'),
    indicators: [
      {
        id: 'road_quality',
        name: name('Roads'),
        unit: '%',
        category: 'infrastructure',
        direction: 'higher',
        weight: 1.5,
        mode: 'level',
        frequencyDays: 91,
      },
      {
        id: 'jobs_created',
        name: name('Jobs'),
        unit: 'jobs',
        category: 'economy',
        direction: 'higher',
        weight: 1,
        mode: 'sum',
        frequencyDays: 30,
        range: { min: 0, max: 5000 },
      },
    ],
    districts: [
      { id: 'kokshetau', kind: 'city', name: name('Kokshetau') },
      { id: 'akkol', kind: 'district', name: name('Akkol') },
    ],
    targets: [
      { district: 'akkol', indicator: 'road_quality', year: 2026, baseline: 74.5, target: 79 },
      { district: 'akkol', indicator: 'jobs_created', year: 2026, target: 250 },
    ],
  };
  patch(region);
  return { version: 1, regions: [region] };
}

/** The same as text: JSON is YAML, so it goes through the YAML parser like a file would. */
export function configText(patch?: (region: RegionInput) => void): string {
  return JSON.stringify(configInput(patch), null, 2);
}
