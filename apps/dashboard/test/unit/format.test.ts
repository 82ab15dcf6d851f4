import { describe, expect, it } from 'vitest';
import {
  actorName,
  unitName,
  formatClock,
  formatDate,
  formatNumber,
  formatPercent,
  formatSigned,
  formatTime,
  formatValue,
  kazakhDate,
  localName,
  rankMove,
} from '../../src/lib/format/format';
import { scaleY, SHARED_SCALE, sparklinePath } from '../../src/lib/format/sparkline';

describe('formatNumber', () => {
  it('uses the locale separators of each language', () => {
    expect(formatNumber(1234.5, 'ru')).toMatch(/^1\s234,5$/);
    expect(formatNumber(1234.5, 'kk')).toMatch(/^1\s234,5$/);
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
  });

  it('keeps a fixed number of decimals for scores', () => {
    expect(formatNumber(90, 'en')).toBe('90.0');
    expect(formatNumber(87.456, 'ru', 2)).toBe('87,46');
  });

  it('shows a dash for a missing value', () => {
    expect(formatNumber(null, 'ru')).toBe('—');
    expect(formatValue(undefined, 'en')).toBe('—');
    expect(formatPercent(Number.NaN, 'kk')).toBe('—');
  });

  it('drops decimals of large indicator values', () => {
    expect(formatValue(15234.7, 'en')).toBe('15,235');
    expect(formatValue(78.5, 'ru', 1)).toBe('78,5');
  });

  it('formats shares as percentages and signs contributions', () => {
    expect(formatPercent(0.87, 'en')).toBe('87%');
    expect(formatPercent(0.87, 'ru')).toMatch(/^87\s%$/);
    expect(formatSigned(2.44, 'en')).toBe('+2.4');
    expect(formatSigned(-1, 'en')).toBe('-1.0');
  });
});

describe('dates and times', () => {
  const at = '2025-03-08T06:05:09Z';

  it('shows the time in the region zone, 24-hour', () => {
    expect(formatTime(at, 'ru', 'UTC')).toBe('06:05');
    expect(formatTime(at, 'en', 'Asia/Tokyo')).toBe('15:05');
    expect(formatClock(at, 'kk', 'UTC')).toBe('06:05:09');
  });

  it('writes dates in each language', () => {
    expect(formatDate(at, 'ru', 'UTC')).toMatch(/8 мар/);
    expect(formatDate(at, 'en', 'UTC')).toBe('8 Mar 2025');
    expect(formatDate(at, 'kk', 'UTC')).toMatch(/2025/);
    expect(formatDate(at, 'kk', 'UTC')).not.toBe(formatDate(at, 'en', 'UTC'));
  });

  it('survives an unknown time zone', () => {
    expect(formatTime(at, 'en', 'Mars/Olympus')).toMatch(/^\d\d:\d\d$/);
  });
});

describe('rankMove', () => {
  it('draws places gained as ▲ and lost as ▼', () => {
    expect(rankMove(2)).toEqual({ arrow: '▲', places: 2, direction: 'up' });
    expect(rankMove(-3)).toEqual({ arrow: '▼', places: 3, direction: 'down' });
  });

  it('draws nothing without a change', () => {
    expect(rankMove(0)).toEqual({ arrow: '', places: 0, direction: 'same' });
    expect(rankMove(Number.NaN).arrow).toBe('');
  });
});

describe('localName', () => {
  it('falls back to Russian when a translation is empty', () => {
    expect(localName({ ru: 'Кокшетау', kk: 'Көкшетау', en: 'Kokshetau' }, 'kk')).toBe('Көкшетау');
    expect(localName({ ru: 'Кокшетау', kk: '', en: '' }, 'en')).toBe('Кокшетау');
  });
});

describe('sparklinePath', () => {
  it('scales values into the box, highest at the top', () => {
    expect(sparklinePath([0, 10], 100, 30)).toBe('M0.0,30.0 L100.0,0.0');
  });

  it('draws a flat series through the middle and nothing for one point', () => {
    expect(sparklinePath([5, 5, 5], 100, 30)).toBe('M0.0,15.0 L50.0,15.0 L100.0,15.0');
    expect(sparklinePath([5], 100, 30)).toBe('');
  });
});

describe('kazakhDate', () => {
  it('writes Kazakh month names without the browser’s locale data', () => {
    expect(kazakhDate(23, 11, 2025)).toBe('2025 ж. 23 қар.');
    expect(kazakhDate(1, 4)).toBe('1 сәу.');
  });
});

describe('unitName', () => {
  it('speaks the language when the config names the unit, else shows the short unit', () => {
    const unitName_ = { ru: 'млрд тг', kk: 'млрд ₸', en: 'bn KZT' };
    expect(unitName({ unit: 'bn KZT', unitName: unitName_ }, 'ru')).toBe('млрд тг');
    expect(unitName({ unit: 'bn KZT', unitName: unitName_ }, 'kk')).toBe('млрд ₸');
    expect(unitName({ unit: '%' }, 'ru')).toBe('%');
    expect(unitName(undefined, 'en')).toBe('');
  });
});

describe('shared sparkline scale', () => {
  it('draws a 1-point wobble small on the shared scale, not across the whole box', () => {
    const own = sparklinePath([90, 91], 100, 30);
    const shared = sparklinePath([90, 91], 100, 30, SHARED_SCALE);
    expect(own).toBe('M0.0,30.0 L100.0,0.0');
    expect(shared).toBe(
      `M0.0,${scaleY(90, SHARED_SCALE, 30).toFixed(1)} L100.0,${scaleY(91, SHARED_SCALE, 30).toFixed(1)}`,
    );
    expect(scaleY(90, SHARED_SCALE, 30) - scaleY(91, SHARED_SCALE, 30)).toBeLessThan(1);
    expect(scaleY(200, SHARED_SCALE, 30)).toBe(0);
  });
});

describe('actorName', () => {
  it('names the service’s own actors in each language and keeps a key’s name', () => {
    expect(actorName('simulator', 'ru')).toBe('демо-поток');
    expect(actorName('simulator', 'kk')).toBe('демо-ағын');
    expect(actorName('admin', 'en')).toBe('administrator');
    expect(actorName('akkol-akimat', 'ru')).toBe('akkol-akimat');
  });
});
