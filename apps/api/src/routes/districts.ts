import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AsOfQuery,
  DistrictDetail,
  ErrorReply,
  IndicatorHistoryReply,
  YearOverYearReply,
  type District,
  type DistrictScore,
  type Region,
  type RegionRanking,
  type YearOverYearSide,
} from '@region-score/contracts';
import {
  closeOfDay,
  dailyClosingScores,
  explainScore,
  localDate,
  onTrackNeeds,
  rankingAsOf,
  regionOn,
  yearBefore,
} from '@region-score/core';
import { timeTravelOf } from '../time-travel';
import { notFound } from '../errors';

/** Closed days before `asOf` whose closing scores a past district page shows as its history. */
const AS_OF_HISTORY_DAYS = 14;

/** A district's score explained, and the audit history of each indicator. */
const districtRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform, catalog, clock } = app.services;
  const timeTravel = timeTravelOf(platform);
  const { memo } = timeTravel;
  const districtOr404 = (id: string) => {
    const found = catalog.district(id);
    if (!found) throw notFound(`district: unknown district "${id}"`);
    return found;
  };

  /** The page of a district: from a ranking and its score, live or past. */
  const detailOf = (
    region: Region,
    district: District,
    ranking: RegionRanking,
    score: DistrictScore | null,
    history: DistrictDetail['history'],
    scoredUnder: Region,
  ): DistrictDetail => {
    const entry = ranking.entries.find((e) => e.id === district.id);
    return {
      region: region.id,
      district: district.id,
      kind: district.kind,
      name: district.name,
      rank: entry?.rank ?? ranking.entries.length,
      rankChange: entry?.rankChange ?? 0,
      score,
      explanation: score ? explainScore(score) : [],
      needs: score ? onTrackNeeds(scoredUnder, score) : [],
      history,
    };
  };

  /** A district at the end of `asOf`, recomputed with the config in force then (400 on a bad day). */
  const districtAsOf = async (region: Region, districtId: string, asOf: string) => {
    const now = clock();
    const day = await timeTravel.day(region, asOf, now);
    const { ranking, scores } = rankingAsOf(day.byDay, day.history, asOf, now, memo);
    const score = scores.find((s) => s.district === districtId) ?? null;
    return { now, day, ranking, score, scoredUnder: regionOn(day.byDay, asOf) };
  };

  app.get(
    '/api/v1/districts/:district',
    {
      schema: {
        summary:
          'Score, rank, status, coverage and every indicator of a district: live, or as it ' +
          'stood at the end of the day `asOf` (recomputed from the values accepted by then, ' +
          'with the config version in force then; `asOf` in the reply names it)',
        tags: ['read'],
        params: Type.Object({ district: Type.String() }),
        querystring: AsOfQuery,
        response: { 200: DistrictDetail, 400: ErrorReply, 404: ErrorReply },
      },
      preHandler: app.requireRead,
    },
    async (request) => {
      const { region, district } = districtOr404(request.params.district);
      const { asOf } = request.query;
      if (asOf !== undefined) {
        const past = await districtAsOf(region, district.id, asOf);
        const { now, day, score } = past;
        // The closing scores of the days before, as of each of them: the page's history line.
        const asOfNow = closeOfDay(asOf, region.timezone, now);
        const daily = dailyClosingScores(day.byDay, day.history, AS_OF_HISTORY_DAYS, asOfNow, memo);
        const history = [
          ...daily.dates.map((date, i) => ({
            at: closeOfDay(date, region.timezone, now).toISOString(),
            score: daily.districts[district.id]?.[i] ?? 0,
          })),
          ...(score ? [{ at: asOfNow.toISOString(), score: score.score }] : []),
        ];
        return {
          ...detailOf(region, district, past.ranking, score, history, past.scoredUnder),
          asOf: day.basis,
        };
      }
      const [score, ranking, sparklines] = await Promise.all([
        platform.scores.get(region.id, district.id),
        platform.rankings.region(region, clock()),
        platform.scores.sparklines(region.id, [district.id]),
      ]);
      const history = (sparklines[district.id] ?? []).map((p) => ({
        at: new Date(p.bucket).toISOString(),
        score: p.score,
      }));
      return detailOf(region, district, ranking, score, history, region);
    },
  );

  app.get(
    '/api/v1/districts/:district/year-over-year',
    {
      schema: {
        summary:
          'A district at the end of the day `asOf` (default today) beside the same day a year ' +
          "earlier: score, rank, status and each indicator's % of plan, both recomputed as " +
          '`?asOf=` recomputes a day',
        tags: ['read'],
        params: Type.Object({ district: Type.String() }),
        querystring: AsOfQuery,
        response: { 200: YearOverYearReply, 400: ErrorReply, 404: ErrorReply },
      },
      preHandler: app.requireRead,
    },
    async (request) => {
      const { region, district } = districtOr404(request.params.district);
      const date = request.query.asOf ?? localDate(clock(), region.timezone);
      const side = async (day: string): Promise<YearOverYearSide> => {
        const past = await districtAsOf(region, district.id, day);
        const entry = past.ranking.entries.find((e) => e.id === district.id);
        const known = past.score !== null && past.score.version > 0;
        return {
          date: day,
          score: known ? (past.score?.score ?? null) : null,
          rank: known ? (entry?.rank ?? null) : null,
          status: known ? (past.score?.status ?? null) : null,
          indicators: (past.score?.indicators ?? []).map((i) => ({
            indicator: i.indicator,
            percentOfPlan: known && i.counted ? i.score : null,
          })),
          basis: past.day.basis,
        };
      };
      const current = await side(date);
      const yearEarlier = await side(yearBefore(date));
      return {
        region: region.id,
        district: district.id,
        current,
        yearEarlier,
        change: {
          score:
            current.score === null || yearEarlier.score === null
              ? null
              : Math.round((current.score - yearEarlier.score) * 100) / 100,
          rank:
            current.rank === null || yearEarlier.rank === null
              ? null
              : yearEarlier.rank - current.rank,
        },
      };
    },
  );

  app.get(
    '/api/v1/districts/:district/indicators/:indicator/history',
    {
      schema: {
        summary:
          'Every value reported for an indicator, corrections included, with who reported it',
        tags: ['read'],
        params: Type.Object({ district: Type.String(), indicator: Type.String() }),
        response: { 200: IndicatorHistoryReply, 404: ErrorReply },
      },
      preHandler: app.requireRead,
    },
    async (request) => {
      const { region, district } = districtOr404(request.params.district);
      const indicator = catalog.indicator(region.id, request.params.indicator);
      if (!indicator) throw notFound(`indicator: unknown indicator "${request.params.indicator}"`);
      return {
        region: region.id,
        district: district.id,
        indicator: indicator.id,
        entries: await platform.values.history(region.id, district.id, indicator.id),
      };
    },
  );
};

export default districtRoutes;
