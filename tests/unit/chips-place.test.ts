import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { placeBeside, type Rect } from '../../utils/ui-kit/place';

const VIEW = { width: 1280, height: 800 };
const SIZE = { width: 360, height: 28 };
const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const rowAt = (p: { left: number; top: number }): Rect => ({
  left: p.left,
  top: p.top,
  right: p.left + SIZE.width,
  bottom: p.top + SIZE.height,
});

describe('placeBeside', () => {
  it('puts the row just above the box, at its left edge', () => {
    const p = placeBeside({ left: 300, top: 650, right: 1200, bottom: 760 }, SIZE, VIEW);
    expect(p).toEqual({ left: 300, top: 650 - 6 - 28, side: 'above' });
  });

  it('goes below when the box is at the top of the page', () => {
    const p = placeBeside({ left: 300, top: 10, right: 1200, bottom: 90 }, SIZE, VIEW);
    expect(p.side).toBe('below');
    expect(p.top).toBe(96);
  });

  it('moves up past a rectangle it would cover (a send button above the box, our warning)', () => {
    const send = { left: 400, top: 600, right: 480, bottom: 640 };
    const p = placeBeside({ left: 300, top: 650, right: 1200, bottom: 760 }, SIZE, VIEW, [send]);
    expect(overlaps(rowAt(p), send)).toBe(false);
    expect(p.top + SIZE.height).toBeLessThanOrEqual(send.top);
  });

  it('ignores empty rectangles and stays inside the viewport horizontally', () => {
    const p = placeBeside({ left: 1100, top: 650, right: 1270, bottom: 760 }, SIZE, VIEW, [
      { left: 0, top: 0, right: 0, bottom: 0 },
    ]);
    expect(p.left + SIZE.width).toBeLessThanOrEqual(VIEW.width - 4);
    expect(p.side).toBe('above');
  });

  it('never covers the box when there is room above or below it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 20, max: 90 }),
        fc.integer({ min: 0, max: 900 }),
        (top, height, left) => {
          const box = { left, top, right: left + 300, bottom: top + height };
          const p = placeBeside(box, SIZE, VIEW);
          expect(overlaps(rowAt(p), box)).toBe(false);
        },
      ),
    );
  });
});
