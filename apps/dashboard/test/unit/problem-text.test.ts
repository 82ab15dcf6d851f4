import { describe, expect, it } from 'vitest';
import { problemText } from '../../src/lib/reports/problem-text';

describe('problemText', () => {
  it('words a known code in the chosen language with its parameters', () => {
    const row = {
      code: 'above_max',
      params: { value: 250, max: 100, unit: '%' },
      field: 'value',
      message: '250 is above the plausible maximum 100 %',
    };
    expect(problemText('ru', row)).toBe('значение: 250 больше правдоподобного максимума 100 %');
    expect(problemText('kk', row)).toBe('мән: 250 ықтимал ең көп мәннен (100 %) үлкен');
    expect(problemText('en', row)).toBe('value: 250 is above the plausible maximum 100 %');
    const jobs = { ...row, params: { value: 9000, max: 5000, unit: 'jobs' } };
    expect(problemText('ru', jobs, 'рабочих мест')).toBe(
      'значение: 9000 больше правдоподобного максимума 5000 рабочих мест',
    );
  });

  it('has no Latin letters in ru and kk for every code the server sends', () => {
    const codes = [
      'unknown_district',
      'unknown_indicator',
      'forbidden_district',
      'not_finite',
      'below_min',
      'above_max',
      'invalid_date',
      'date_too_early',
      'future_date',
      'unreadable',
      'missing_column',
      'bad_file',
      'ambiguous_name',
      'duplicate',
      'uploaded_before',
    ];
    for (const code of codes) {
      for (const lang of ['ru', 'kk'] as const) {
        const text = problemText(lang, {
          code,
          params: { value: 5, min: 0, max: 1, unit: '%', upload: '42' },
          field: 'date',
          message: 'English',
        });
        expect(text, `${lang} ${code}`).not.toMatch(/[A-Za-z]/);
      }
    }
  });

  it('quotes the name the reporter wrote', () => {
    const row = { code: 'unknown_district', params: { name: 'Нет такого' }, field: 'district' };
    expect(problemText('ru', row)).toBe(
      'район: «Нет такого» — такого района нет в настройках региона',
    );
    expect(problemText('en', row)).toBe(
      'district: “Нет такого” — no such district in the region configuration',
    );
  });

  it('falls back to the server message for an unknown code and to the raw field name', () => {
    expect(problemText('ru', { code: 'new_code', field: 'row 5, id', message: 'odd' })).toBe(
      'row 5, id: odd',
    );
    expect(problemText('kk', { field: 'value', message: 'uploaded before' })).toBe(
      'мән: uploaded before',
    );
  });
});
