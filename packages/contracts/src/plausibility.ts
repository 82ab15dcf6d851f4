import { Type, type Static } from '@sinclair/typebox';

/**
 * Other names a district or indicator goes by in the sheets offices fill in ("Акколь",
 * "Дороги с твёрдым покрытием"). Matched with the same tolerance as the configured names (case,
 * spaces, ё/е, Kazakh letters, "район"/"ауданы"/"г."/"город").
 */
export const Aliases = Type.Optional(
  Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
    maxItems: 50,
    description: 'other names used in report files',
  }),
);

/**
 * The quality gate of one indicator: a value that breaks one of these limits is accepted into
 * quarantine (stored, shown as awaiting review, not counted) instead of being scored. The defaults
 * quoted here live in `@region-score/core` (`plausibilityOf`).
 */
export const PlausibilitySchema = Type.Object(
  {
    enabled: Type.Optional(
      Type.Boolean({ description: 'false lets every value in range through (default true)' }),
    ),
    maxJump: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        description:
          "level: most a value may move from the previous one, in the indicator's unit (default 25 for '%', none otherwise)",
      }),
    ),
    maxJumpPct: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        description:
          "level: most a value may move from the previous one, in % of the smaller of the two; 200 lets it triple or fall to a third (default 200 for units other than '%')",
      }),
    ),
    maxIncrement: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        description:
          "sum: largest single increment (default: the district's target for the year, when positive)",
      }),
    ),
  },
  { additionalProperties: false },
);
export type PlausibilityInput = Static<typeof PlausibilitySchema>;
