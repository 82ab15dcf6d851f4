import { describe, expect, it } from 'vitest';
import {
  applySelection,
  idList,
  parseCellMode,
  parseSelection,
} from '../../src/lib/state/selection';
import { nextRotation } from '../../src/lib/state/rotation';

const region = {
  indicators: [
    { id: 'gdp', category: 'economy' },
    { id: 'jobs', category: 'social' },
    { id: 'roads', category: 'infrastructure' },
    { id: 'wages', category: 'economy' },
  ],
  districts: [{ id: 'kokshetau' }, { id: 'zerendi' }, { id: 'arshaly' }],
};

describe('idList', () => {
  it('splits, trims and removes duplicates and empty ids', () => {
    expect(idList(' a, b,,a ,c ')).toEqual(['a', 'b', 'c']);
    expect(idList('')).toBeNull();
    expect(idList(' , ')).toBeNull();
    expect(idList(null)).toBeNull();
  });
});

describe('parseSelection', () => {
  it('reads the playlist in the URL order and sets unknown views aside', () => {
    const s = parseSelection('?views=national,wall,clock,national&rotate=10');
    expect(s.views).toEqual(['national', 'wall']);
    expect(s.unknownViews).toEqual(['clock']);
  });

  it('falls back to the default cycle when no view is known or none is named', () => {
    expect(parseSelection('?views=clock').views).toBeNull();
    expect(parseSelection('?views=').views).toBeNull();
    expect(parseSelection('').views).toBeNull();
  });

  it('reads indicators, districts and categories', () => {
    const s = parseSelection('?indicators=gdp,jobs&districts=zerendi&categories=economy');
    expect(s.indicators).toEqual(['gdp', 'jobs']);
    expect(s.districts).toEqual(['zerendi']);
    expect(s.categories).toEqual(['economy']);
    expect(parseSelection('?lang=kk')).toEqual({
      views: null,
      indicators: null,
      districts: null,
      categories: null,
      unknownViews: [],
    });
  });
});

describe('applySelection', () => {
  it('keeps the config order and reports unknown ids', () => {
    const applied = applySelection(
      parseSelection('?indicators=roads,gdp,nope&districts=arshaly,kokshetau,x'),
      region,
    );
    expect(applied.indicators).toEqual(['gdp', 'roads']);
    expect(applied.districts).toEqual(['kokshetau', 'arshaly']);
    expect(applied.unknown).toEqual([
      { param: 'indicators', id: 'nope' },
      { param: 'districts', id: 'x' },
    ]);
  });

  it('adds the indicators of the named categories to the named indicators', () => {
    const applied = applySelection(
      parseSelection('?categories=economy,space&indicators=jobs'),
      region,
    );
    expect(applied.indicators).toEqual(['gdp', 'jobs', 'wages']);
    expect(applied.unknown).toEqual([{ param: 'categories', id: 'space' }]);
  });

  it('shows everything, never a blank screen, when every named id is unknown', () => {
    const applied = applySelection(parseSelection('?indicators=x&districts=y&views=z'), region);
    expect(applied.indicators).toBeNull();
    expect(applied.districts).toBeNull();
    expect(applied.unknown.map((u) => u.param)).toEqual(['views', 'indicators', 'districts']);
  });

  it('shows everything when nothing is selected', () => {
    expect(applySelection(parseSelection(''), region)).toEqual({
      indicators: null,
      districts: null,
      unknown: [],
    });
  });
});

describe('parseCellMode', () => {
  it('reads ?cells=plan, else the score', () => {
    expect(parseCellMode('?cells=plan')).toBe('plan');
    expect(parseCellMode('?cells=other')).toBe('score');
    expect(parseCellMode('')).toBe('score');
  });
});

describe('nextRotation with a playlist', () => {
  it('follows the playlist and jumps to the wall for red only when the wall is in it', () => {
    const cycle = parseSelection('?views=national,matrix').views ?? [];
    const first = nextRotation(0, [], cycle);
    expect(first.step.view).toBe('national');
    expect(nextRotation(first.position, [], cycle).step.view).toBe('matrix');
    expect(nextRotation(1, ['zerendi'], cycle).step).toEqual({ view: 'matrix', highlight: [] });
    const withWall = parseSelection('?views=matrix,wall').views ?? [];
    expect(nextRotation(0, ['zerendi'], withWall).step).toEqual({
      view: 'wall',
      highlight: ['zerendi'],
    });
  });
});
