import { useEffect, useState } from "preact/hooks";

/**
 * How many of a page's `count` parts to draw while it first fills in: one more after each frame
 * the browser has painted, until all are. A kommune's page drawn in one go was ~300 ms of work
 * on a mid-range phone (rendering, then style and layout with their first font look-ups); in
 * parts, each is short enough for the page to answer input in between. Parts are drawn top down,
 * so nothing drawn moves. Once all are drawn, later parts (a theme the reader opens) come at once,
 * and so does everything while `all` (printing). Another `key` (area) fills in again.
 */
export function useStages(count: number, all = false, key = ""): number {
  const [drawn, setDrawn] = useState({ key, n: 1, filled: false });
  const current = drawn.key === key ? drawn : { key, n: 1, filled: false };
  const done = all || current.filled || current.n >= count;
  useEffect(() => {
    if (done) {
      if (!current.filled) setDrawn({ key, n: count, filled: true });
      return;
    }
    let timer = 0;
    // After the next frame (its style, layout and paint): the next part is a task of its own.
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setDrawn({ key, n: current.n + 1, filled: false }));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [key, current.n, done]);
  return done ? count : current.n;
}
