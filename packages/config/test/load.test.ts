import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { DEMO_REGION_CONFIG_PATH, loadRegionConfig, RegionConfigError } from '../src/index';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

describe('loadRegionConfig', () => {
  it('loads a JSON file', async () => {
    const config = await loadRegionConfig(fixture('minimal.json'));
    expect(config.regions.map((region) => region.id)).toEqual(['north']);
    expect(config.regions[0]?.indicators[0]?.range).toEqual({ min: 0, max: 100 });
  });

  it('names the file in the error', async () => {
    await expect(loadRegionConfig(fixture('broken-weight.yaml'))).rejects.toThrow(
      RegionConfigError,
    );
    await expect(loadRegionConfig(fixture('broken-weight.yaml'))).rejects.toThrow(
      /broken-weight\.yaml[\s\S]*line 11: regions\[0\]\.indicators\[0\]\.weight: must be > 0, got -1/,
    );
  });

  it('fails plainly when the file is missing', async () => {
    await expect(loadRegionConfig(fixture('missing.yaml'))).rejects.toThrow(/ENOENT/);
  });
});

describe('demo.yaml', async () => {
  const config = await loadRegionConfig(DEMO_REGION_CONFIG_PATH);
  const aqmola = config.regions.find((region) => region.id === 'aqmola');
  const pavlodar = config.regions.find((region) => region.id === 'pavlodar');

  it('is a demo with Aqmola and Pavlodar', () => {
    expect(config.demo).toBe(true);
    expect(aqmola?.name).toEqual({
      ru: 'Акмолинская область',
      kk: 'Ақмола облысы',
      en: 'Aqmola Region',
    });
    expect(pavlodar?.districts.map((d) => d.id)).toEqual(
      expect.arrayContaining(['pavlodar', 'ekibastuz', 'aksu']),
    );
  });

  it('has the 3 cities and 17 districts of Aqmola', () => {
    const cities = aqmola?.districts.filter((d) => d.kind === 'city').map((d) => d.id);
    expect(cities).toEqual(['kokshetau', 'stepnogorsk', 'kosshy']);
    expect(aqmola?.districts).toHaveLength(20);
    expect(aqmola?.districts.find((d) => d.id === 'zerendi')?.name.kk).toBe('Зеренді ауданы');
  });

  it('has the demo indicators, one where lower is better', () => {
    const ids = aqmola?.indicators.map((i) => i.id) ?? [];
    expect(ids.length).toBeGreaterThanOrEqual(10);
    expect(ids).toEqual(
      expect.arrayContaining([
        'road_quality',
        'emissions_cut',
        'jobs_created',
        'investment',
        'projects_launched',
        'land_returned',
        'grain_yield',
        'services_online',
        'schools_built',
        'water_supply',
        'unemployment',
      ]),
    );
    expect(aqmola?.indicators.find((i) => i.id === 'unemployment')?.direction).toBe('lower');
    expect(aqmola?.indicators.find((i) => i.id === 'grain_yield')?.trajectory).toBe('flat');
  });

  it.each([2025, 2026, 2027])('has a %i target for every district and indicator', (year) => {
    for (const region of config.regions) {
      const keys = new Set(
        region.targets.filter((t) => t.year === year).map((t) => `${t.district}/${t.indicator}`),
      );
      for (const district of region.districts) {
        for (const indicator of region.indicators) {
          expect(keys.has(`${district.id}/${indicator.id}`), `${district.id}/${indicator.id}`).toBe(
            true,
          );
        }
      }
    }
  });

  it('gives level indicators a baseline and makes Kokshetau the biggest for jobs', () => {
    const levels = new Set(aqmola?.indicators.filter((i) => i.mode === 'level').map((i) => i.id));
    const levelTargets = aqmola?.targets.filter((t) => levels.has(t.indicator)) ?? [];
    expect(levelTargets.every((t) => t.baseline !== undefined)).toBe(true);
    const jobs2026 = (aqmola?.targets ?? [])
      .filter((t) => t.indicator === 'jobs_created' && t.year === 2026)
      .sort((a, b) => b.target - a.target);
    expect(jobs2026[0]?.district).toBe('kokshetau');
  });
});
