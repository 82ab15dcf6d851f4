import type {
  DistrictScore,
  Lang,
  OnTrackNeed,
  Region,
  RegionRanking,
} from '@region-score/contracts';
import { explainScore } from '@region-score/core';
import { LABELS } from './labels';

/** One sheet of an export: a title line, column headers and rows, already in one language. */
export interface Table {
  /** Sheet name (at most 31 characters, as Excel requires). */
  sheet: string;
  title: string;
  header: string[];
  rows: (string | number | null)[][];
}

const pct = (share: number) => Math.round(share * 1000) / 10;

function titleOf(name: string, what: string, asOf: string | null, lang: Lang): string {
  const l = LABELS[lang];
  return `${name} — ${what} — ${asOf ? `${l.asOf} ${asOf}` : l.live}`;
}

/** The ranking of a region's districts, as the wall shows it. */
export function rankingTable(
  region: Region,
  ranking: RegionRanking,
  asOf: string | null,
  lang: Lang,
): Table {
  const l = LABELS[lang];
  return {
    sheet: l.ranking,
    title: titleOf(region.name[lang], l.ranking, asOf, lang),
    header: [l.rank, l.district, l.score, l.status, l.coverage, l.rankChange],
    rows: ranking.entries.map((e) => [
      e.rank,
      e.name[lang],
      e.score,
      l[e.status],
      pct(e.coverage),
      e.rankChange,
    ]),
  };
}

/** The heat map: districts by indicator score, with each district's own score. */
export function matrixTable(
  region: Region,
  scores: readonly DistrictScore[],
  asOf: string | null,
  lang: Lang,
): Table {
  const l = LABELS[lang];
  const byDistrict = new Map(scores.map((s) => [s.district, s]));
  return {
    sheet: l.matrix,
    title: titleOf(region.name[lang], l.matrix, asOf, lang),
    header: [l.district, l.score, ...region.indicators.map((i) => i.name[lang])],
    rows: region.districts.map((d) => {
      const score = byDistrict.get(d.id);
      return [
        d.name[lang],
        score?.score ?? null,
        ...region.indicators.map(
          (i) => score?.indicators.find((r) => r.indicator === i.id)?.score ?? null,
        ),
      ];
    }),
  };
}

/** A district's indicators, what pulls the score down first, with what each needs. */
export function districtTable(
  region: Region,
  districtName: string,
  score: DistrictScore | null,
  needs: readonly OnTrackNeed[],
  asOf: string | null,
  lang: Lang,
): Table {
  const l = LABELS[lang];
  const order = score ? explainScore(score).map((e) => e.indicator) : [];
  const results = score
    ? [...score.indicators].sort(
        (a, b) =>
          (order.indexOf(a.indicator) + 1 || Infinity) -
          (order.indexOf(b.indicator) + 1 || Infinity),
      )
    : [];
  const title = `${titleOf(districtName, l.score, asOf, lang)}: ${score?.score ?? '—'} (${
    score ? l[score.status] : l.no_data
  })`;
  return {
    sheet: districtName.slice(0, 31),
    title,
    header: [
      l.indicator,
      l.unit,
      l.status,
      l.value,
      l.valueDate,
      l.planToDate,
      l.target,
      l.score,
      l.impact,
      l.nextReport,
      l.neededNext,
      l.neededYearEnd,
      l.forecast,
    ],
    rows: results.map((r) => {
      const indicator = region.indicators.find((i) => i.id === r.indicator);
      const need = needs.find((n) => n.indicator === r.indicator);
      return [
        indicator?.name[lang] ?? r.indicator,
        indicator?.unit ?? '',
        l[r.status],
        r.value,
        r.valueDate,
        round2(r.planToDate),
        r.target,
        r.score,
        r.impact,
        need?.nextReport ?? null,
        need?.byNextReport ?? null,
        need?.byYearEnd ?? null,
        r.forecast ? round2(r.forecast.value) : null,
      ];
    }),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
