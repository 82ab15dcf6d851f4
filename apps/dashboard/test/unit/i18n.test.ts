import { describe, expect, it } from 'vitest';
import { asLang, DICTIONARIES, LANGUAGES, translate } from '../../src/lib/i18n';
import { ru } from '../../src/lib/i18n/ru';

describe('dictionaries', () => {
  it('give every language exactly the keys of Russian, none empty', () => {
    const keys = Object.keys(ru).sort();
    for (const lang of LANGUAGES) {
      const dict = DICTIONARIES[lang];
      expect(Object.keys(dict).sort(), lang).toEqual(keys);
      for (const key of keys)
        expect(dict[key as keyof typeof ru].trim(), `${lang}.${key}`).not.toBe('');
    }
  });

  it('keep the same placeholders in every language', () => {
    const holes = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(ru) as (keyof typeof ru)[]) {
      for (const lang of LANGUAGES) {
        expect(holes(DICTIONARIES[lang][key]), `${lang}.${key}`).toEqual(holes(ru[key]));
      }
    }
  });

  it('leave alert rule and severity names to core, so they cannot drift from notifications', () => {
    expect(Object.keys(ru).filter((key) => /^(rule|severity)_/.test(key))).toEqual([]);
  });

  it('are really Kazakh in kk', () => {
    const kazakh = Object.values(DICTIONARIES.kk).join(' ');
    expect(kazakh).toMatch(/[әғқңөұүһі]/);
    expect(DICTIONARIES.kk.rank).not.toBe(DICTIONARIES.ru.rank);
  });
});

describe('translate', () => {
  it('fills placeholders', () => {
    expect(translate('en', 'page_of', { page: 2, pages: 3 })).toBe('Page 2 of 3');
    expect(translate('ru', 'conn_stale', { time: '10:15' })).toBe('Данные на 10:15');
  });

  it('leaves unknown placeholders visible', () => {
    expect(translate('en', 'page_of', { page: 1 })).toBe('Page 1 of {pages}');
  });
});

describe('asLang', () => {
  it('accepts only known languages', () => {
    expect(asLang('kk')).toBe('kk');
    expect(asLang('de')).toBeNull();
    expect(asLang(null)).toBeNull();
  });
});
