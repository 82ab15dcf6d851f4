/**
 * Readers for a config document that may not match its schema yet: the cross-checks run even
 * when the schema failed, so they read values defensively and skip what has the wrong type.
 */
export type Loose = Record<string, unknown>;
export type Path = (string | number)[];

export const isRecord = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The items of a list, non-mappings replaced by `{}` so indexes still match the file. */
export const items = (value: unknown): Loose[] =>
  Array.isArray(value) ? value.map((item) => (isRecord(item) ? item : {})) : [];

export const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

export const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
