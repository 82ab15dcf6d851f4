import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  currentYear,
  dateStart,
  daysBetween,
  elapsedFraction,
  isRealDate,
  localDate,
  periodOf,
} from '../src/time';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('isRealDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-28', true],
    ['2000-02-29', true],
    ['2025-12-31', true],
    ['2025-02-29', false],
    ['1900-02-29', false],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-01-00', false],
    ['2025-1-01', false],
    ['2025-01-01T00:00', false],
    ['', false],
  ])('%s → %s', (date, expected) => {
    expect(isRealDate(date)).toBe(expected);
  });
});

describe('localDate and currentYear', () => {
  it('reads the date in the zone, not in UTC, across the year boundary', () => {
    const newYearAlmaty = new Date('2024-12-31T19:00:00Z');
    expect(localDate(newYearAlmaty, 'Asia/Almaty')).toBe('2025-01-01');
    expect(localDate(new Date(newYearAlmaty.getTime() - 1), 'Asia/Almaty')).toBe('2024-12-31');
    expect(currentYear(newYearAlmaty, 'Asia/Almaty')).toBe(2025);
    expect(currentYear(newYearAlmaty, 'UTC')).toBe(2024);
  });

  it('follows summer time in Europe/Berlin', () => {
    expect(localDate(new Date('2025-07-01T21:59:59Z'), 'Europe/Berlin')).toBe('2025-07-01');
    expect(localDate(new Date('2025-07-01T22:00:00Z'), 'Europe/Berlin')).toBe('2025-07-02');
    expect(localDate(new Date('2025-01-01T22:59:59Z'), 'Europe/Berlin')).toBe('2025-01-01');
    expect(localDate(new Date('2025-01-01T23:00:00Z'), 'Europe/Berlin')).toBe('2025-01-02');
  });
});

describe('dateStart', () => {
  it.each([
    ['2025-01-01', 'Asia/Almaty', '2024-12-31T19:00:00.000Z'],
    // Kazakhstan moved from UTC+6 to UTC+5 on 2024-03-01; earlier dates use +6.
    ['2024-01-01', 'Asia/Almaty', '2023-12-31T18:00:00.000Z'],
    ['2024-03-01', 'Asia/Almaty', '2024-02-29T19:00:00.000Z'],
    ['2025-01-15', 'Europe/Berlin', '2025-01-14T23:00:00.000Z'],
    ['2025-07-01', 'Europe/Berlin', '2025-06-30T22:00:00.000Z'],
    ['2025-03-30', 'Europe/Berlin', '2025-03-29T23:00:00.000Z'],
    ['2025-10-27', 'Europe/Berlin', '2025-10-26T23:00:00.000Z'],
    ['2025-03-09', 'America/New_York', '2025-03-09T05:00:00.000Z'],
    ['2025-06-01', 'UTC', '2025-06-01T00:00:00.000Z'],
    // Chile springs forward at midnight: 00:00 does not exist, the day starts at 01:00 (−03).
    ['2024-09-08', 'America/Santiago', '2024-09-08T04:00:00.000Z'],
  ])('%s in %s starts at %s', (date, zone, expected) => {
    expect(dateStart(date, zone).toISOString()).toBe(expected);
  });

  it('rejects a date that is not real', () => {
    expect(() => dateStart('2025-02-29', 'Asia/Almaty')).toThrow(RangeError);
  });

  it('is the first instant of the date in any zone (property)', () => {
    const zones = [
      'Asia/Almaty',
      'Europe/Berlin',
      'America/New_York',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Chatham',
      'UTC',
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 36_500 }), fc.constantFrom(...zones), (n, zone) => {
        const date = addDays('2000-01-01', n);
        const start = dateStart(date, zone);
        expect(localDate(start, zone)).toBe(date);
        expect(localDate(new Date(start.getTime() - 1), zone) < date).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('addDays and daysBetween', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2025-03-15', -37, '2025-02-06'],
    ['2025-03-15', 0, '2025-03-15'],
  ])('%s + %i = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('rejects fractional days and unreal dates', () => {
    expect(() => addDays('2025-01-01', 0.5)).toThrow(RangeError);
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => daysBetween('2025-01-01', 'soon')).toThrow(RangeError);
  });

  it('counts calendar days, signed', () => {
    expect(daysBetween('2025-01-01', '2025-12-31')).toBe(364);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-03-15', '2025-03-01')).toBe(-14);
  });

  it('are inverse of each other (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 36_500 }),
        fc.integer({ min: -5000, max: 5000 }),
        (n, days) => {
          const date = addDays('2000-01-01', n);
          expect(daysBetween(date, addDays(date, days))).toBe(days);
        },
      ),
    );
  });
});

describe('periodOf and elapsedFraction', () => {
  it('spans local midnight 1 January to the next in Asia/Almaty', () => {
    const period = periodOf(2025, 'Asia/Almaty');
    expect(period.year).toBe(2025);
    expect(period.start.toISOString()).toBe('2024-12-31T19:00:00.000Z');
    expect(period.end.toISOString()).toBe('2025-12-31T19:00:00.000Z');
  });

  it('spans winter time at both ends in Europe/Berlin', () => {
    const period = periodOf(2025, 'Europe/Berlin');
    expect(period.start.toISOString()).toBe('2024-12-31T23:00:00.000Z');
    expect(period.end.getTime() - period.start.getTime()).toBe(365 * DAY);
  });

  it('is the share of the period elapsed, clamped to [0, 1]', () => {
    const period = periodOf(2025, 'Asia/Almaty');
    // Local 2025-03-15 00:00 is 73 of 365 days in.
    expect(elapsedFraction(period, new Date('2025-03-14T19:00:00Z'))).toBe(0.2);
    expect(elapsedFraction(period, period.start)).toBe(0);
    expect(elapsedFraction(period, period.end)).toBe(1);
    expect(elapsedFraction(period, new Date('2020-01-01T00:00:00Z'))).toBe(0);
    expect(elapsedFraction(period, new Date('2030-01-01T00:00:00Z'))).toBe(1);
  });

  it('measures real time, so the lost DST hour is not counted twice', () => {
    const period = periodOf(2025, 'Europe/Berlin');
    const julySecond = dateStart('2025-07-02', 'Europe/Berlin');
    expect(elapsedFraction(period, julySecond)).toBe((182 * DAY - HOUR) / (365 * DAY));
  });
});
