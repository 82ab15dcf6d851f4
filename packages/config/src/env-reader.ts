/**
 * Reads typed values out of an environment map and collects every problem instead of throwing at the
 * first one, so `loadConfig` can report all bad variables together.
 *
 * An empty (or blank) variable counts as unset: `PORT=` in an `.env` file means "use the default".
 */
export class EnvReader {
  readonly issues: string[] = [];

  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  /** The trimmed value, or undefined when the variable is unset or blank. */
  raw(key: string): string | undefined {
    const value = this.env[key]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  /** Records a problem with `key`; the returned fallback keeps the caller's types simple. */
  fail<T>(key: string, message: string, fallback: T): T {
    this.issues.push(`${key}: ${message}`);
    return fallback;
  }

  string(key: string, fallback: string, check?: (value: string) => string | null): string {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    const problem = check?.(value) ?? null;
    return problem === null ? value : this.fail(key, problem, fallback);
  }

  optionalString(key: string, check?: (value: string) => string | null): string | null {
    const value = this.raw(key);
    if (value === undefined) return null;
    const problem = check?.(value) ?? null;
    return problem === null ? value : this.fail(key, problem, null);
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    const parsed = parseBoolean(value);
    return parsed ?? this.fail(key, `must be 1/0/true/false/yes/no, got ${quote(value)}`, fallback);
  }

  integer(key: string, fallback: number, min: number, max: number): number {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    const parsed = /^[+-]?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isSafeInteger(parsed) && parsed >= min && parsed <= max) return parsed;
    return this.fail(
      key,
      `must be an integer from ${min} to ${max}, got ${quote(value)}`,
      fallback,
    );
  }

  oneOf<const T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    const found = allowed.find((candidate) => candidate === value.toLowerCase());
    return (
      found ?? this.fail(key, `must be one of ${allowed.join(', ')}, got ${quote(value)}`, fallback)
    );
  }
}

/** `1/true/yes` → true, `0/false/no` → false (any case), anything else → null. */
export function parseBoolean(value: string): boolean | null {
  const normalized = value.trim().toLowerCase();
  if (['1', 'true', 'yes'].includes(normalized)) return true;
  if (['0', 'false', 'no'].includes(normalized)) return false;
  return null;
}

/** Quotes a value for an error message, shortened so a pasted blob does not flood the log. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}
