import type { Alert } from '@region-score/contracts';
import type { SilenceRequest } from '../api/client';

/** Silence lengths offered on the alerts page, in hours. */
export const SILENCE_HOURS = [1, 4, 24, 168] as const;

/** A silence for one alert's district, rule and indicator, from `now` for `hours`. */
export function silenceFor(
  alert: Alert,
  hours: number,
  comment: string,
  now: number,
): SilenceRequest {
  return {
    matchers: {
      district: alert.district,
      rule: alert.rule,
      ...(alert.indicator ? { indicator: alert.indicator } : {}),
    },
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + hours * 3_600_000).toISOString(),
    comment,
  };
}
