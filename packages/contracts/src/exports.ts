import { Type, type Static } from '@sinclair/typebox';
import { AsOfQuery } from './history';

/** Export file formats. */
export const ExportFormat = Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]);
export type ExportFormat = Static<typeof ExportFormat>;

/**
 * Exports of what a page shows (ranking, heat map, district), live or as of a past day, with
 * headers, names and statuses in `lang` (default ru).
 */
export const ExportQuery = Type.Object(
  {
    lang: Type.Optional(Type.Union([Type.Literal('ru'), Type.Literal('kk'), Type.Literal('en')])),
    asOf: AsOfQuery.properties.asOf,
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;
