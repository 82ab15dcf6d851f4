import type { AnimationConfig } from 'svelte/animate';
import { cubicOut } from 'svelte/easing';

/** Rects closer than this (px) count as the same slot size or column. */
const SAME_PX = 1;

/**
 * `animate:` for wall rows: a row slides vertically to its new rank only when it stays in its
 * column at the same size; a row that changes column fades in at its new place. Any row while
 * the layout is being measured or resized jumps to its place (no diagonal flights, no rows ballooning from an
 * unmeasured layout). Unlike `flip` it never scales a row.
 */
export function moveInColumn(
  _node: Element,
  { from, to }: { from: DOMRect; to: DOMRect },
  params: { duration?: number; enabled?: boolean } = {},
): AnimationConfig {
  const sameColumn = Math.abs(from.left - to.left) <= SAME_PX;
  const sameSize =
    Math.abs(from.width - to.width) <= SAME_PX && Math.abs(from.height - to.height) <= SAME_PX;
  const dy = from.top - to.top;
  if (params.enabled === false || !sameSize) return { duration: 0 };
  // Across columns the row fades in at its new place, never crossing the others diagonally.
  if (!sameColumn) {
    return { duration: params.duration ?? 500, easing: cubicOut, css: (t) => `opacity: ${t};` };
  }
  if (dy === 0) return { duration: 0 };
  return {
    duration: params.duration ?? 500,
    easing: cubicOut,
    css: (_t, u) => `transform: translateY(${u * dy}px);`,
  };
}
