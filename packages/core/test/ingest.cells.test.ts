import { describe, expect, it } from 'vitest';
import {
  columnLetter,
  excelSerialDate,
  monthValueDate,
  parseNumberText,
  readDate,
  readMonth,
  readNumber,
  yearIn,
} from '../src/ingest/index';

describe('numbers as offices write them', () => {
  it.each([
    ['78,5', 78.5],
    ['1 234,5', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['1\u202f234', 1234],
    ['1,234.5', 1234.5],
    ['1.234,5', 1234.5],
    ['12%', 12],
    ['12,5 %', 12.5],
    ['\u22123', -3],
    ['1,234', 1.234],
  ])('%s → %d', (text, expected) => {
    expect(parseNumberText(text)).toBe(expected);
  });

  it.each(['', 'abc', '1,2,3', '1.2.3', '12 кг', '--1'])('%j is no number', (text) => {
    expect(parseNumberText(text)).toBeNull();
  });

  it('reads numeric and percentage cells, and refuses dates, booleans and errors', () => {
    expect(readNumber(80, true)).toEqual({ ok: true, value: 80 });
    expect(readNumber({ percent: 0.785 }, true)).toEqual({ ok: true, value: 78.5 });
    expect(readNumber(null, true)).toEqual({ ok: false, message: 'is empty' });
    expect(readNumber({ date: '2026-06-30' }, true).ok).toBe(false);
    expect(readNumber(true, true).ok).toBe(false);
    expect(readNumber({ error: '#N/A' }, true)).toEqual({
      ok: false,
      message: 'the cell holds the error #N/A',
    });
    expect(readNumber('восемьдесят', true)).toEqual({
      ok: false,
      message: '"восемьдесят" is not a number (type it as a number)',
    });
  });
});

describe('dates and months', () => {
  it('reads Excel serial days, dd.mm.yyyy, ISO dates and date cells', () => {
    expect(excelSerialDate(46203)).toBe('2026-06-30');
    expect(readDate(46203, '2026-07-01')).toEqual({ ok: true, value: '2026-06-30' });
    expect(readDate('30.06.2026', '2026-07-01')).toEqual({ ok: true, value: '2026-06-30' });
    expect(readDate('1.7.2026 г.', '2026-07-01')).toEqual({ ok: true, value: '2026-07-01' });
    expect(readDate('2026-06-30', '2026-07-01')).toEqual({ ok: true, value: '2026-06-30' });
    expect(readDate({ date: '2026-06-30' }, '2026-07-01')).toEqual({
      ok: true,
      value: '2026-06-30',
    });
  });

  it('refuses dates that are not on the calendar, and text that is no date', () => {
    expect(readDate('31.02.2026', '2026-07-01').ok).toBe(false);
    expect(readDate('вчера', '2026-07-01').ok).toBe(false);
    expect(excelSerialDate(0)).toBeNull();
  });

  it('reads month names in Russian, Kazakh and English, with or without a year', () => {
    expect(readMonth('Июнь')).toEqual({ year: null, month: 6 });
    expect(readMonth('июня 2026 г.')).toEqual({ year: 2026, month: 6 });
    expect(readMonth('маусым')).toEqual({ year: null, month: 6 });
    expect(readMonth('Қаңтар 2026 жыл')).toEqual({ year: 2026, month: 1 });
    expect(readMonth('Sept')).toEqual({ year: null, month: 9 });
    expect(readMonth('06.2026')).toEqual({ year: 2026, month: 6 });
    expect(readMonth('2026-13')).toBeNull();
    expect(readMonth('Итого')).toBeNull();
  });

  it('dates a month by its last day, or today for the month in progress', () => {
    expect(monthValueDate({ year: 2026, month: 2 }, '2026-07-01')).toBe('2026-02-28');
    expect(monthValueDate({ year: 2026, month: 7 }, '2026-07-15')).toBe('2026-07-15');
    expect(readDate('июнь 2026', '2026-07-01')).toEqual({ ok: true, value: '2026-06-30' });
  });

  it('finds one year in a title or a file name', () => {
    expect(yearIn('Отчёт за 2026 год')).toBe(2026);
    expect(yearIn('akkol_2026.xlsx')).toBe(2026);
    expect(yearIn('2025 → 2026')).toBeNull();
    expect(yearIn('no year')).toBeNull();
  });

  it('names columns by letters', () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });
});
