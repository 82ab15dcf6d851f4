import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AsOfQuery,
  DistrictDetail,
  ErrorReply,
  IndicatorHistoryReply,
} from '@region-score/contracts';
import {
  asOfProblem,
  closeOfDay,
  dailyClosingScores,
  explainScore,
  onTrackNeeds,
  rankingAsOf,
} from '@region-score/core';
import { timeTravelOf } from '../time-travel';
import { badRequest, notFound } from '../errors';

/** Closed days before `asOf` whose closing scores a past district page shows as its history. */
const AS_OF_HISTORY_DAYS = 14;

/** A district's score explained, and the audit history of each indicator. */
const districtRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform, catalog, clock } = app.services;
  const { timeline, memo } = timeTravelOf(platform);
  const districtOr404 = (id: string) => {
    const found = catalog.district(id);
    if (!found) throw notFound(`district: unknown district "${id}"`);
    return found;
  };

  app.get(
    '/api/v1/districts/:district',
    {
      schema: {
        summary:
          'Score, rank, status, coverage and every indicator of a district: live, or as it ' +
          'stood at the end of the day `asOf` (recomputed from the values accepted by then)',
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
        const now = clock();
        const problem = asOfProblem(asOf, region.timezone, now);
        if (problem) throw badRequest(`asOf: ${problem}`);
        const history = await timeline.region(region);
        const { ranking, scores } = rankingAsOf(region, history, asOf, now, memo);
        const entry = ranking.entries.find((e) => e.id === district.id);
        const score = scores.find((s) => s.district === district.id) ?? null;
        // The closing scores of the days before, as of each of them: the page's history line.
        const asOfNow = closeOfDay(asOf, region.timezone, now);
        const daily = dailyClosingScores(region, history, AS_OF_HISTORY_DAYS, asOfNow, memo);
        return {
          region: region.id,
          district: district.id,
          kind: district.kind,
          name: district.name,
          rank: entry?.rank ?? ranking.entries.length,
          rankChange: entry?.rankChange ?? 0,
          score,
          explanation: score ? explainScore(score) : [],
          needs: score ? onTrackNeeds(region, score) : [],
          history: [
            ...daily.dates.map((date, i) => ({
              at: closeOfDay(date, region.timezone, now).toISOString(),
              score: daily.districts[district.id]?.[i] ?? 0,
            })),
            ...(score ? [{ at: asOfNow.toISOString(), score: score.score }] : []),
          ],
        };
      }
      const [score, ranking, sparklines] = await Promise.all([
        platform.scores.get(region.id, district.id),
        platform.rankings.region(region, clock()),
        platform.scores.sparklines(region.id, [district.id]),
      ]);
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
        needs: score ? onTrackNeeds(region, score) : [],
        history: (sparklines[district.id] ?? []).map((p) => ({
          at: new Date(p.bucket).toISOString(),
          score: p.score,
        })),
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
