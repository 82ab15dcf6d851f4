const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90d`, `12h`, `30m` → milliseconds; null when not such a duration. */
export function parseDuration(text: string): number | null {
  const m = /^(\d{1,6})([mhd])$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * (UNITS[m[2] as string] as number);
}

/**
 * When a new key expires: a date (`2027-01-31`, the end of that day UTC) or a duration from now
 * (`90d`). Undefined when it is neither, or not in the future.
 */
export function parseExpiry(text: string, now: Date): Date | undefined {
  const duration = parseDuration(text);
  let at: Date;
  if (duration !== null) at = new Date(now.getTime() + duration);
  else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) at = new Date(`${text}T23:59:59.999Z`);
  else return undefined;
  return Number.isNaN(at.getTime()) || at <= now ? undefined : at;
}
