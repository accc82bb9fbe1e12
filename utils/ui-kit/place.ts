/**
 * Where a small in-page row goes beside a console's reply box: just above it, or just below it
 * when there is no room above; never over the box itself, nor over the rectangles to avoid (the
 * console's send button, our own compliance warning). Pure: rectangles in, a position out.
 */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Placement {
  left: number;
  top: number;
  side: 'above' | 'below';
}

const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const area = (r: Rect) => Math.max(0, r.right - r.left) * Math.max(0, r.bottom - r.top);

/**
 * `size`: the row's width and height; `view`: the viewport. Above: moved up past whatever it
 * would cover; below likewise down. The first side that stays inside the viewport wins.
 */
export function placeBeside(
  anchor: Rect,
  size: { width: number; height: number },
  view: { width: number; height: number },
  avoid: readonly Rect[] = [],
  gap = 6,
): Placement {
  const obstacles = avoid.filter((r) => area(r) > 0);
  const left = Math.max(4, Math.min(anchor.left, view.width - size.width - 4));
  const rowAt = (top: number): Rect => ({ left, top, right: left + size.width, bottom: top + size.height });
  const clear = (top: number, step: (hit: Rect) => number) => {
    // Each obstacle moves the row once at most: the loop ends.
    for (let i = 0; i <= obstacles.length; i++) {
      const hit = obstacles.find((r) => overlaps(rowAt(top), r));
      if (!hit) return top;
      top = step(hit);
    }
    return top;
  };
  const above = clear(anchor.top - gap - size.height, (hit) => hit.top - gap - size.height);
  if (above >= 4) return { left, top: above, side: 'above' };
  const below = clear(anchor.bottom + gap, (hit) => hit.bottom + gap);
  if (below + size.height <= view.height - 4) return { left, top: below, side: 'below' };
  return { left, top: Math.max(4, above), side: 'above' };
}
