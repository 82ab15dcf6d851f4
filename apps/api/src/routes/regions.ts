import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AsOfQuery,
  ErrorReply,
  NationalRanking,
  RegionRanking,
  RegionScoresReply,
  RegionsReply,
  SCORE_HISTORY_MAX_DAYS,
  ScoreHistoryQuery,
  ScoreHistoryReply,
  type Region,
} from '@region-score/contracts';
import {
  METHODOLOGY_VERSION,
  asOfProblem,
  dailyClosingScores,
  nationalAsOf,
  rankingAsOf,
} from '@region-score/core';
import { timeTravelOf } from '../time-travel';
import { badRequest, notFound } from '../errors';
import exportRoutes from './exports';

const RegionParams = Type.Object({ region: Type.String() });

/** Regions, their live rankings and scores, and the national ranking of regions. */
const regionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform, catalog, clock } = app.services;
  const timeTravel = timeTravelOf(platform);
  const { timeline, memo } = timeTravel;
  // The exports of what the region and district pages show live beside them.
  await app.register(exportRoutes);
  const regionOr404 = (id: string): Region => {
    const region = catalog.region(id);
    if (!region) throw notFound(`region: unknown region "${id}"`);
    return region;
  };

  app.get(
    '/api/v1/regions',
    {
      schema: {
        summary: 'Regions with their districts and indicators',
        tags: ['read'],
        response: { 200: RegionsReply },
      },
      preHandler: app.requireRead,
    },
    async () => ({
      regions: catalog.regions.map((r) => ({
        id: r.id,
        name: r.name,
        timezone: r.timezone,
        districts: r.districts.map((d) => ({ id: d.id, kind: d.kind, name: d.name })),
        indicators: r.indicators.map((i) => ({
          id: i.id,
          name: i.name,
          unit: i.unit,
          ...(i.unitName ? { unitName: i.unitName } : {}),
          category: i.category,
          direction: i.direction,
          weight: i.weight,
          mode: i.mode,
          trajectory: i.trajectory,
        })),
      })),
    }),
  );

  app.get(
    '/api/v1/regions/:region/rankings',
    {
      schema: {
        summary:
          'Ranking of the districts and cities of a region: live, or as it stood at the end of ' +
          'the day `asOf` (recomputed from the values accepted by then, with the config version ' +
          'in force then; `asOf` in the reply names it)',
        tags: ['read'],
        params: RegionParams,
        querystring: AsOfQuery,
        response: { 200: RegionRanking, 400: ErrorReply, 404: ErrorReply },
      },
      preHandler: app.requireRead,
    },
    async (request) => {
      const region = regionOr404(request.params.region);
      const { asOf } = request.query;
      const now = clock();
      if (asOf === undefined) return platform.rankings.region(region, now);
      const day = await timeTravel.day(region, asOf, now);
      const { ranking } = rankingAsOf(day.byDay, day.history, asOf, now, memo);
      return { ...ranking, asOf: day.basis };
    },
  );

  app.get(
    '/api/v1/regions/:region/history',
    {
      schema: {
        summary:
          'Daily closing score of every district (and the region) over the last days, ' +
          "each as known at the end of its day, with today's live score",
        tags: ['read'],
        params: RegionParams,
        querystring: ScoreHistoryQuery,
        response: { 200: ScoreHistoryReply, 400: ErrorReply, 404: ErrorReply },
      },
      preHandler: app.requireRead,
    },
    async (request) => {
      const region = regionOr404(request.params.region);
      const days = Number(request.query.days ?? 14);
      if (days < 1 || days > SCORE_HISTORY_MAX_DAYS) {
        throw badRequest(`days: must be 1 to ${SCORE_HISTORY_MAX_DAYS}, got ${days}`);
      }
      const now = clock();
      const [history, live, configs] = await Promise.all([
        timeline.region(region),
        platform.rankings.region(region, now),
        timeTravel.configsOf(region, now),
      ]);
      const daily = dailyClosingScores(configs.byDay, history, days, now, memo);
      return {
        region: region.id,
        timezone: region.timezone,
        generatedAt: now.toISOString(),
        methodology: METHODOLOGY_VERSION,
        thresholds: region.scoring.thresholds,
        today: daily.today,
        dates: daily.dates,
        configVersions: daily.dates.map(configs.versionOn),
        aggregate: {
          id: region.id,
          closing: daily.aggregate.closing,
          live: live.score,
        },
        districts: live.entries.map((row) => ({
          id: row.id,
          closing: daily.districts[row.id] ?? [],
          live: row.score,
        })),
      };
    },
  );

  app.get(
    '/api/v1/regions/:region/scores',
    {
      schema: {
        summary: 'Every district score of a region with per-indicator detail',
        tags: ['read'],
        params: RegionParams,
        response: { 200: RegionScoresReply, 404: ErrorReply },
      },
      preHandler: app.requireRead,
    },
    async (request) => {
      const region = regionOr404(request.params.region);
      return {
        region: region.id,
        generatedAt: clock().toISOString(),
        scores: await platform.scores.all(region.id),
      };
    },
  );

  app.get(
    '/api/v1/rankings/national',
    {
      schema: {
        summary:
          'Regions ranked by aggregate score: live, or as they stood at the end of the day ' +
          '`asOf` (recomputed from the values accepted by then)',
        tags: ['read'],
        querystring: AsOfQuery,
        response: { 200: NationalRanking, 400: ErrorReply },
      },
      preHandler: app.requireRead,
    },
    async (request) => {
      const { asOf } = request.query;
      const now = clock();
      if (asOf !== undefined) {
        const problem = asOfProblem(asOf, catalog.national.timezone, now);
        if (problem) throw badRequest(`asOf: ${problem}`);
        const days = await Promise.all(
          catalog.regions.map((r) => timeTravel.dayUnchecked(r, asOf, now)),
        );
        const histories = Object.fromEntries(
          days.map((d, i) => [catalog.regions[i]?.id ?? '', d.history]),
        );
        const byDay = days.map((d) => d.byDay);
        return {
          ...nationalAsOf(catalog.national.name, byDay, histories, asOf, now, memo),
          regionsAsOf: Object.fromEntries(
            days.map((d, i) => [catalog.regions[i]?.id ?? '', d.basis]),
          ),
        };
      }
      // This node's live state is current to the last event (milliseconds) and costs no Redis
      // reads: thousands of districts need not be read for twenty rows.
      return (
        app.live?.nationalRanking(now) ??
        platform.rankings.national(catalog.regions, catalog.national, now)
      );
    },
  );
};

export default regionRoutes;
