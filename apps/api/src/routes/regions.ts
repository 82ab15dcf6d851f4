import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorReply,
  NationalRanking,
  RegionRanking,
  RegionScoresReply,
  RegionsReply,
  type Region,
} from '@region-score/contracts';
import { notFound } from '../errors';

const RegionParams = Type.Object({ region: Type.String() });

/** Regions, their live rankings and scores, and the national ranking of regions. */
const regionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform, catalog, clock } = app.services;
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
        summary: 'Live ranking of the districts and cities of a region',
        tags: ['read'],
        params: RegionParams,
        response: { 200: RegionRanking, 404: ErrorReply },
      },
      preHandler: app.requireRead,
    },
    async (request) => platform.rankings.region(regionOr404(request.params.region), clock()),
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
        summary: 'Regions ranked by aggregate score',
        tags: ['read'],
        response: { 200: NationalRanking },
      },
      preHandler: app.requireRead,
    },
    async () =>
      // This node's live state is current to the last event (milliseconds) and costs no Redis
      // reads: thousands of districts need not be read for twenty rows.
      app.live?.nationalRanking(clock()) ??
      platform.rankings.national(catalog.regions, catalog.national, clock()),
  );
};

export default regionRoutes;
