import { useEffect, useState } from "preact/hooks";
import type { DatasetInfo } from "../../../worker/api/schemas.ts";
import { getJson } from "./api.ts";

type Health = { snapshot: { dataset: DatasetInfo | null } | null };

// Asked once per app load: the live snapshot changes at most with a recompute, and every page
// shows the same date.
let request: Promise<DatasetInfo | null> | null = null;

function liveDataset(): Promise<DatasetInfo | null> {
  request ??= getJson<Health>("/api/health")
    .then((h) => h.snapshot?.dataset ?? null)
    .catch(() => {
      request = null; // a failed request is tried again by the next page that asks
      return null;
    });
  return request;
}

/** The live snapshot's dates (when its figures were computed, the newest period), once loaded. */
export function useDataset(): DatasetInfo | null {
  const [dataset, setDataset] = useState<DatasetInfo | null>(null);
  useEffect(() => {
    let live = true;
    void liveDataset().then((d) => live && setDataset(d));
    return () => {
      live = false;
    };
  }, []);
  return dataset;
}
