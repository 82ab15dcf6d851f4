import { describe, expect, it } from 'vitest';
import { safeCell } from '../../src/spreadsheet/safe-cell';

describe('safeCell', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    for (const t of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x']) {
      expect(safeCell(t)).toBe(`'${t}`);
    }
  });
  it('leaves plain text and numbers alone', () => {
    expect(safeCell('Акколь')).toBe('Акколь');
    expect(safeCell(-12.5)).toBe(-12.5);
    expect(safeCell(null)).toBeNull();
  });
});
