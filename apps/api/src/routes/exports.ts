import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import {
  ErrorReply,
  ExportFormat,
  ExportQuery,
  type DistrictScore,
  type Region,
  type RegionRanking,
} from '@region-score/contracts';
import { onTrackNeeds, rankingAsOf } from '@region-score/core';
import { timeTravelOf } from '../time-travel';
import { notFound } from '../errors';
import { districtTable, matrixTable, rankingTable, type Table } from '../exports/tables';
import { toCsv, toXlsx } from '../exports/write';

const MIME = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * Exports of what the pages show, as CSV or XLSX in the chosen language: a region's ranking and
 * heat map, and a district's indicators (worst first, with what each needs), live or `asOf`.
 */
const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform, catalog, clock } = app.services;
  const timeTravel = timeTravelOf(platform);

  /** The ranking and every score, live or as of the end of `asOf`. */
  async function stateOf(
    region: Region,
    asOf: string | undefined,
  ): Promise<{ ranking: RegionRanking; scores: DistrictScore[] }> {
    const now = clock();
    if (asOf === undefined) {
      const [ranking, scores] = await Promise.all([
        platform.rankings.region(region, now),
        platform.scores.all(region.id),
      ]);
      return { ranking, scores };
    }
    const day = await timeTravel.day(region, asOf, now);
    return rankingAsOf(day.byDay, day.history, asOf, now, timeTravel.memo);
  }

  async function send(reply: FastifyReply, table: Table, format: ExportFormat, name: string) {
    const body = format === 'csv' ? toCsv(table) : await toXlsx(table);
    return reply
      .header('content-type', MIME[format])
      .header('content-disposition', `attachment; filename="${name}.${format}"`)
      .send(body);
  }

  app.get(
    '/api/v1/regions/:region/export/:table.:format',
    {
      schema: {
        summary: "A region's ranking or heat map as CSV or XLSX, live or as of a past day",
        tags: ['read'],
        params: Type.Object({
          region: Type.String(),
          table: Type.Union([Type.Literal('ranking'), Type.Literal('matrix')]),
          format: ExportFormat,
        }),
        querystring: ExportQuery,
        response: { 400: ErrorReply, 404: ErrorReply },
      },
      preHandler: app.requireRead,
    },
    async (request, reply) => {
      const { region: id, table, format } = request.params;
      const region = catalog.region(id);
      if (!region) throw notFound(`region: unknown region "${id}"`);
      const { lang = 'ru', asOf } = request.query;
      const state = await stateOf(region, asOf);
      const built =
        table === 'ranking'
          ? rankingTable(region, state.ranking, asOf ?? null, lang)
          : matrixTable(region, state.scores, asOf ?? null, lang);
      return send(reply, built, format, `${region.id}-${table}-${asOf ?? 'live'}`);
    },
  );

  app.get(
    '/api/v1/districts/:district/export.:format',
    {
      schema: {
        summary: "A district's indicators as CSV or XLSX, live or as of a past day",
        tags: ['read'],
        params: Type.Object({ district: Type.String(), format: ExportFormat }),
        querystring: ExportQuery,
        response: { 400: ErrorReply, 404: ErrorReply },
      },
      preHandler: app.requireRead,
    },
    async (request, reply) => {
      const found = catalog.district(request.params.district);
      if (!found) throw notFound(`district: unknown district "${request.params.district}"`);
      const { region, district } = found;
      const { lang = 'ru', asOf } = request.query;
      const score =
        asOf === undefined
          ? await platform.scores.get(region.id, district.id)
          : ((await stateOf(region, asOf)).scores.find((s) => s.district === district.id) ?? null);
      const needs = score ? onTrackNeeds(region, score) : [];
      const built = districtTable(region, district.name[lang], score, needs, asOf ?? null, lang);
      return send(reply, built, request.params.format, `${district.id}-${asOf ?? 'live'}`);
    },
  );
};

export default exportRoutes;
