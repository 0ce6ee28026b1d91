import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { areaHref, type Dict, useI18n } from "../../lib/i18n.ts";
import { LocateError, type LocateFailure, smallestAreaHere } from "../../lib/locate.ts";

const MESSAGE: Record<LocateFailure, (t: Dict) => string> = {
  unsupported: (t) => t.locateUnsupported,
  denied: (t) => t.locateDenied,
  unavailable: (t) => t.locateUnavailable,
  outside: (t) => t.locateOutside,
  failed: (t) => t.locateFailed,
};

/** "Use my location": the browser's position → the smallest area containing it → its page. */
export function Locate() {
  const { lang, t } = useI18n();
  const { route } = useLocation();
  const [state, setState] = useState<"idle" | "busy" | LocateFailure>("idle");

  async function locate() {
    setState("busy");
    try {
      const area = await smallestAreaHere();
      setState("idle");
      route(areaHref(area.code, lang));
    } catch (error) {
      setState(error instanceof LocateError ? error.reason : "failed");
    }
  }

  const failed = state !== "idle" && state !== "busy";
  return (
    <div class="locate">
      <button type="button" class="ds-button button button--secondary" data-variant="secondary" onClick={locate} aria-describedby="locate-hint" disabled={state === "busy"}>
        <span class="locate-icon" aria-hidden="true" />
        {t.locateButton}
      </button>
      <p id="locate-hint" class="locate-hint">
        {t.locateHint}
      </p>
      {/* Always in the page, so that screen readers announce what is put into it. */}
      <p class={failed ? "locate-message" : "visually-hidden"} role="status" data-locate={state}>
        {state === "busy" ? t.locating : failed ? MESSAGE[state](t) : ""}
      </p>
    </div>
  );
}
