import { useEffect, useMemo, useState, type RefObject } from 'react';

/** Lists longer than this render only the rows near the viewport (a thousand would take seconds to lay out). */
export const WINDOW_THRESHOLD = 150;
/** Every row's height in rem; styles.css gives `.archives-table.windowed tbody tr` the same. */
export const ROW_HEIGHT_REM = 2.4;
const OVERSCAN = 12;

/** Which rows to render ([start, end)) and the height of one row, for a list of `count` equal-height rows. */
export interface RowWindow {
  windowed: boolean;
  start: number;
  end: number;
  rowHeight: number;
}

/** The row height in px, from the root font size: reading it costs no layout, unlike measuring a row. */
function rowHeightPx(): number {
  const rootSize = parseFloat(getComputedStyle(document.documentElement).fontSize) || 14;
  return ROW_HEIGHT_REM * rootSize;
}

/**
 * Windowed rendering of a long table body scrolled by the page itself: the rows above and below
 * the viewport are replaced by spacers of the same height. The first render assumes the table
 * starts within the first screen, so it needs no layout; scrolling then moves the window.
 */
export function useRowWindow(count: number, body: RefObject<HTMLTableSectionElement | null>): RowWindow {
  const windowed = count > WINDOW_THRESHOLD;
  const rowHeight = useMemo(rowHeightPx, []);
  const [range, setRange] = useState(() => ({ start: 0, end: Math.ceil(window.innerHeight / rowHeight) + OVERSCAN }));

  useEffect(() => {
    if (!windowed) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      const element = body.current;
      if (!element) return;
      const above = -element.getBoundingClientRect().top;
      const start = Math.max(0, Math.floor(above / rowHeight) - OVERSCAN);
      const end = Math.min(count, Math.max(start, Math.ceil((above + window.innerHeight) / rowHeight)) + OVERSCAN);
      setRange((r) => (r.start === start && r.end === end ? r : { start, end }));
    };
    // In a frame, never right after the commit: reading the layout there would force an extra one.
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(update);
    };
    schedule();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule, { passive: true });
    return () => {
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [windowed, count, rowHeight, body]);

  if (!windowed) return { windowed, start: 0, end: count, rowHeight };
  return { windowed, start: Math.min(range.start, count), end: Math.min(Math.max(range.end, range.start + 1), count), rowHeight };
}
