import { useEffect } from "preact/hooks";

/**
 * Opens the `<details>` matching `selector` while the page prints (closed ones print only their
 * summary), and closes again the ones it opened afterwards.
 */
export function usePrintOpens(selector: string): void {
  useEffect(() => {
    let opened: HTMLDetailsElement[] = [];
    const before = () => {
      const closed = [...document.querySelectorAll<HTMLDetailsElement>(selector)].filter((d) => !d.open);
      for (const d of closed) d.open = true;
      opened.push(...closed);
    };
    const after = () => {
      for (const d of opened) d.open = false;
      opened = [];
    };
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, [selector]);
}
