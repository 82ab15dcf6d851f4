/** Views the wall rotates through with `?rotate=`. */
export type RotatingView = 'wall' | 'matrix' | 'national';

/** The default cycle: ranking, heat map, national ranking. */
export const ROTATION_CYCLE: readonly RotatingView[] = ['wall', 'matrix', 'national'];

/** One step of the rotation: which view to show and which rows to highlight on it. */
export interface RotationStep {
  view: RotatingView;
  highlight: string[];
}

/**
 * Picks the next view. Districts that just turned red come first: the wall is shown with them
 * highlighted, and the cycle then resumes where it was. `position` is the index of the next view
 * of the normal cycle; the returned `position` is where to continue.
 */
export function nextRotation(
  position: number,
  redFirst: readonly string[],
  cycle: readonly RotatingView[] = ROTATION_CYCLE,
): { step: RotationStep; position: number } {
  // A district turning red jumps to the wall, unless the playlist leaves the wall out.
  if (redFirst.length > 0 && cycle.includes('wall')) {
    return { step: { view: 'wall', highlight: [...new Set(redFirst)] }, position };
  }
  const n = Math.max(1, cycle.length);
  const index = ((position % n) + n) % n;
  return {
    step: { view: cycle[index] ?? 'wall', highlight: [] },
    position: (index + 1) % n,
  };
}
