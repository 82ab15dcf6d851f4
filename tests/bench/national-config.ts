import { writeFile } from 'node:fs/promises';
import type { IndicatorInput, RegionConfigInput } from '@region-score/contracts';
import { parseRegionConfig, DEMO_REGION_CONFIG_PATH } from '@region-score/config';
import { readFileSync } from 'node:fs';

/**
 * A national deployment for the benchmark: `regions` copies of the demo's Aqmola region with
 * `districts` districts each and `indicators` indicators (the demo's 11, repeated with numbered
 * ids), every district × indicator with a target for `year`.
 */
export function nationalConfig({
  regions,
  districts,
  indicators,
  year,
}: {
  regions: number;
  districts: number;
  indicators: number;
  year: number;
}): RegionConfigInput {
  const demo = parseRegionConfig(readFileSync(DEMO_REGION_CONFIG_PATH, 'utf8'), 'demo');
  const aqmola = demo.regions[0];
  if (!aqmola) throw new Error('the demo config has no region');
  const base = aqmola.indicators;
  const inds: IndicatorInput[] = Array.from({ length: indicators }, (_, i) => {
    const src = base[i % base.length] as IndicatorInput;
    const copy = Math.floor(i / base.length);
    const suffix = copy === 0 ? '' : ` ${copy + 1}`;
    return {
      ...src,
      id: copy === 0 ? src.id : `${src.id}_${copy + 1}`,
      name: { ru: src.name.ru + suffix, kk: src.name.kk + suffix, en: src.name.en + suffix },
    };
  });
  const baseTargets = new Map(
    aqmola.targets.filter((t) => t.year === year || true).map((t) => [t.indicator, t]),
  );
  return {
    version: 1,
    national: { name: { ru: 'Казахстан', kk: 'Қазақстан', en: 'Kazakhstan' } },
    regions: Array.from({ length: regions }, (_, r) => {
      const id = `r${String(r + 1).padStart(2, '0')}`;
      const ds = Array.from({ length: districts }, (_, d) => ({
        id: `${id}_d${String(d + 1).padStart(3, '0')}`,
        kind: 'district' as const,
        name: {
          ru: `Район ${r + 1}-${d + 1}`,
          kk: `Аудан ${r + 1}-${d + 1}`,
          en: `District ${r + 1}-${d + 1}`,
        },
      }));
      return {
        id,
        name: { ru: `Область ${r + 1}`, kk: `Облыс ${r + 1}`, en: `Region ${r + 1}` },
        timezone: 'Asia/Almaty',
        indicators: inds,
        districts: ds,
        targets: ds.flatMap((d) =>
          inds.map((ind, i) => {
            const t = baseTargets.get(base[i % base.length]?.id ?? '');
            return {
              district: d.id,
              indicator: ind.id,
              year,
              target: t?.target ?? 100,
              ...(t?.baseline === undefined ? {} : { baseline: t.baseline }),
            };
          }),
        ),
      };
    }),
  };
}

/** Writes the config as JSON (YAML's superset, faster to parse) and returns its path. */
export async function writeNationalConfig(
  path: string,
  opts: Parameters<typeof nationalConfig>[0],
): Promise<string> {
  await writeFile(path, JSON.stringify(nationalConfig(opts)));
  return path;
}
