import { describe, expect, it } from 'vitest';
import { nextRotation, ROTATION_CYCLE } from '../../src/lib/state/rotation';

describe('nextRotation', () => {
  it('cycles wall → matrix → national', () => {
    let position = 0;
    const views: string[] = [];
    for (let i = 0; i < 4; i++) {
      const next = nextRotation(position, []);
      views.push(next.step.view);
      position = next.position;
    }
    expect(views).toEqual(['wall', 'matrix', 'national', 'wall']);
  });

  it('shows the wall with red districts highlighted first, then resumes the cycle', () => {
    const red = nextRotation(2, ['arshaly', 'arshaly', 'zerendi']);
    expect(red.step).toEqual({ view: 'wall', highlight: ['arshaly', 'zerendi'] });
    expect(red.position).toBe(2);
    expect(nextRotation(red.position, []).step).toEqual({ view: 'national', highlight: [] });
  });

  it('accepts a custom cycle and any position', () => {
    expect(nextRotation(7, [], ['matrix']).step.view).toBe('matrix');
    expect(nextRotation(-1, [], ROTATION_CYCLE).step.view).toBe('national');
  });
});
