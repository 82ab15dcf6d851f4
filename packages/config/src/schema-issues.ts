import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';

/** A problem found in the config file: where (path segments) and what, in words. */
export interface Issue {
  path: (string | number)[];
  message: string;
}

/** `['regions', 0, 'districts', 3, 'id']` → `regions[0].districts[3].id`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? '(root)' : out;
}

/** A JSON pointer (`/regions/0/districts/3/id`) as path segments, array indexes as numbers. */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^(0|[1-9]\d*)$/.test(part) ? Number(part) : part));
}

/**
 * Every schema violation of `value`, one per path, in words a config author understands
 * (`must be > 0`, `unknown property (allowed: …)`) rather than TypeBox's terse defaults.
 */
export function schemaIssues(schema: TSchema, value: unknown): Issue[] {
  const byPath = new Map<string, Issue[]>();
  for (const error of Value.Errors(schema, value)) {
    const issue: Issue = { path: pointerToPath(error.path), message: describeError(error) };
    const list = byPath.get(error.path) ?? [];
    // A missing property also fails its own type check; "is required" says it all.
    if (error.type === ValueErrorType.ObjectRequiredProperty) list.length = 0;
    else if (list.some((existing) => existing.message === 'is required')) continue;
    if (!list.some((existing) => existing.message === issue.message)) list.push(issue);
    byPath.set(error.path, list);
  }
  return [...byPath.values()].flat();
}

function describeError(error: ValueError): string {
  const { schema, value } = error;
  const got = `, got ${describeValue(value)}`;
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'is required';
    case ValueErrorType.ObjectAdditionalProperties: {
      const allowed = Object.keys((schema.properties ?? {}) as Record<string, unknown>);
      return `unknown property (allowed: ${allowed.join(', ')})`;
    }
    case ValueErrorType.String:
      return `must be a string${got}`;
    case ValueErrorType.Number:
      return `must be a number${got}`;
    case ValueErrorType.Integer:
      return `must be an integer${got}`;
    case ValueErrorType.Boolean:
      return `must be true or false${got}`;
    case ValueErrorType.Array:
      return `must be a list${got}`;
    case ValueErrorType.Object:
      return `must be a mapping${got}`;
    case ValueErrorType.Literal:
      return `must be ${JSON.stringify(schema.const)}${got}`;
    case ValueErrorType.Union:
      return describeUnion(schema, value);
    case ValueErrorType.StringMinLength:
      return schema.minLength === 1
        ? 'must not be empty'
        : `must be at least ${schema.minLength} characters`;
    case ValueErrorType.StringMaxLength:
      return `must be at most ${schema.maxLength} characters`;
    case ValueErrorType.StringPattern:
      return schema.pattern === '^[a-z][a-z0-9_]{0,62}$'
        ? `must be a lowercase Latin id (a-z, 0-9, _; starting with a letter)${got}`
        : `must match ${schema.pattern}${got}`;
    case ValueErrorType.NumberExclusiveMinimum:
    case ValueErrorType.IntegerExclusiveMinimum:
      return `must be > ${schema.exclusiveMinimum}${got}`;
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.IntegerMinimum:
      return `must be >= ${schema.minimum}${got}`;
    case ValueErrorType.NumberExclusiveMaximum:
    case ValueErrorType.IntegerExclusiveMaximum:
      return `must be < ${schema.exclusiveMaximum}${got}`;
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMaximum:
      return `must be <= ${schema.maximum}${got}`;
    case ValueErrorType.ArrayMinItems:
      return `must have at least ${schema.minItems} item(s)`;
    default:
      return `${error.message}${got}`;
  }
}

/** A union of literals reads as "one of …"; anything else falls back to the first variant's problem. */
function describeUnion(schema: TSchema, value: unknown): string {
  const variants = (schema.anyOf ?? []) as TSchema[];
  const consts = variants.map((variant) => variant.const as unknown);
  if (variants.length > 0 && consts.every((c) => c !== undefined)) {
    return `must be one of ${consts.map((c) => JSON.stringify(c)).join(', ')}, got ${describeValue(value)}`;
  }
  return `does not match any allowed form, got ${describeValue(value)}`;
}

/** A short rendering of a wrong value: its type and, for scalars, the value itself. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  }
  return String(value);
}
