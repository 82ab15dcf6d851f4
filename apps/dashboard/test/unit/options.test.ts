import { describe, expect, it } from 'vitest';
import { parseOptions, parseRoute, withParam } from '../../src/lib/state/options';
import { staleDistricts } from '../../src/lib/state/matrix';
import { alert, entry } from './factories';
import { silenceFor } from '../../src/lib/state/alerts';
import type { DistrictScore } from '@region-score/contracts';

describe('parseRoute', () => {
  it('maps paths to views, / to the wall', () => {
    expect(parseRoute('/')).toEqual({ view: 'wall', id: null });
    expect(parseRoute('/wall')).toEqual({ view: 'wall', id: null });
    expect(parseRoute('/matrix/')).toEqual({ view: 'matrix', id: null });
    expect(parseRoute('/district/kokshetau')).toEqual({ view: 'district', id: 'kokshetau' });
    expect(parseRoute('/district')).toEqual({ view: 'not-found', id: null });
    expect(parseRoute('/nope')).toEqual({ view: 'not-found', id: null });
  });
});

describe('parseOptions', () => {
  it('reads region, language, rotation and key', () => {
    expect(parseOptions('?region=aqmola&lang=kk&rotate=30&token=abc&theme=light')).toEqual({
      region: 'aqmola',
      lang: 'kk',
      rotate: 30,
      token: 'abc',
      kiosk: true,
      theme: 'light',
    });
  });

  it('falls back to defaults on missing or bad values', () => {
    expect(parseOptions('?lang=de&rotate=abc&kiosk=0&theme=pink')).toEqual({
      region: null,
      lang: 'ru',
      rotate: null,
      token: null,
      kiosk: false,
      theme: 'dark',
    });
    expect(parseOptions('?rotate=1').rotate).toBe(5);
  });

  it('sets and removes one parameter', () => {
    expect(withParam('?lang=kk&token=x', 'lang', 'en')).toBe('?lang=en&token=x');
    expect(withParam('?lang=kk', 'lang', null)).toBe('');
  });
});

describe('staleDistricts', () => {
  const score = (district: string, version: number) => ({ district, version }) as DistrictScore;

  it('names rows whose live version is newer than the heat map', () => {
    const scores = { a: score('a', 3), b: score('b', 5) };
    const live = [
      entry({ id: 'a', version: 4 }),
      entry({ id: 'b', version: 5 }),
      entry({ id: 'c' }),
    ];
    expect(staleDistricts(scores, live)).toEqual(['a', 'c']);
    expect(staleDistricts(scores, live, { a: 4, c: 1 })).toEqual([]);
  });
});

describe('silenceFor', () => {
  it('silences the alert’s district, rule and indicator for the chosen hours', () => {
    const now = Date.UTC(2025, 5, 1, 10);
    expect(silenceFor(alert(), 4, 'repair works', now)).toEqual({
      matchers: { district: 'kokshetau', rule: 'behind_plan', indicator: 'jobs' },
      startsAt: '2025-06-01T10:00:00.000Z',
      endsAt: '2025-06-01T14:00:00.000Z',
      comment: 'repair works',
    });
    expect(silenceFor(alert({ indicator: null }), 1, '', now).matchers).toEqual({
      district: 'kokshetau',
      rule: 'behind_plan',
    });
  });
});
