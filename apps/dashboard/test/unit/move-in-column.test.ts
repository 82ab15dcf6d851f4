import { describe, expect, it } from 'vitest';
import { moveInColumn } from '../../src/lib/components/move-in-column';

const rect = (left: number, top: number, width = 400, height = 60) =>
  ({ left, top, width, height }) as DOMRect;
const node = {} as Element;

describe('moveInColumn', () => {
  it('slides a row vertically within its column, without scaling it', () => {
    const config = moveInColumn(node, { from: rect(0, 300), to: rect(0, 0) });
    expect(config.duration).toBe(500);
    expect(config.css?.(0, 1)).toBe('transform: translateY(300px);');
    expect(config.css?.(1, 0)).toBe('transform: translateY(0px);');
  });

  it('fades a row that changes column in at its place instead of flying it diagonally', () => {
    const config = moveInColumn(node, { from: rect(0, 300), to: rect(900, 0) });
    expect(config.duration).toBe(500);
    expect(config.css?.(0, 1)).toBe('opacity: 0;');
    expect(config.css?.(1, 0)).toBe('opacity: 1;');
    expect(config.css?.(0.5, 0.5)).not.toContain('transform');
  });

  it('does not move a row that resizes or moves while layout settles', () => {
    expect(moveInColumn(node, { from: rect(0, 0, 400, 836), to: rect(0, 0) }).duration).toBe(0);
    expect(
      moveInColumn(node, { from: rect(0, 300), to: rect(0, 0) }, { enabled: false }).duration,
    ).toBe(0);
  });
});
