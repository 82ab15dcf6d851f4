import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DistrictDetail, ErrorReply, IndicatorHistoryReply } from '@region-score/contracts';
import { explainScore } from '@region-score/core';
import { notFound } from '../errors';

/** A district's score explained, and the audit history of each indicator. */
const districtRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform, catalog, clock } = app.services;
  const districtOr404 = (id: string) => {
    const found = catalog.district(id);
    if (!found) throw notFound(`district: unknown district "${id}"`);
    return found;
  };

  app.get(
    '/api/v1/districts/:district',
    {
      schema: {
        summary: 'Score, rank, status, coverage and every indicator of a district',
        tags: ['read'],
        params: Type.Object({ district: Type.String() }),
        response: { 200: DistrictDetail, 404: ErrorReply },
      },
      preHandler: app.requireRead,
    },
    async (request) => {
      const { region, district } = districtOr404(request.params.district);
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
