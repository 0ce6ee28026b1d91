import { useCallback, useEffect, useState } from "preact/hooks";
import type { SearchResponse } from "../../../worker/api/schemas.ts";

/**
 * Base URL of the API: empty when the worker serves the app (same origin); set VITE_API_BASE at
 * build time when the static build is deployed elsewhere (e.g. Cloudflare Pages).
 */
export const API_BASE: string = (import.meta.env.VITE_API_BASE ?? "").replace(/\/+$/, "");

/** A failed request. `status` 0 means the network failed (offline, DNS, CORS). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

/** GET a JSON document from the API; errors become ApiError (aborts are rethrown as they are). */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, { signal, headers: { accept: "application/json" } });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, "network", error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    let code = "http_error";
    let message = `HTTP ${response.status}`;
    try {
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      if (body.error?.code) code = body.error.code;
      if (body.error?.message) message = body.error.message;
    } catch {
      // not JSON (proxy error page): keep the status
    }
    throw new ApiError(response.status, code, message);
  }
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, "bad_json", "The response was not JSON");
  }
}

export function searchAreas(query: string, signal?: AbortSignal, limit = 10): Promise<SearchResponse> {
  const params = new URLSearchParams({ q: query, limit: String(limit) });
  return getJson<SearchResponse>(`/api/v1/search?${params.toString()}`, signal);
}

// Successful responses, kept for the life of the page so going back is instant. Small and
// bounded: an area page is a few kB.
const CACHE_LIMIT = 40;
const cache = new Map<string, unknown>();
function remember(path: string, data: unknown): void {
  cache.delete(path);
  cache.set(path, data);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
}

// Requests started before the page that reads them has loaded its code (see `prefetch`).
const inflight = new Map<string, Promise<unknown>>();

/**
 * Start fetching `path` now, for a page whose code is still on its way: `useApi(path)` then
 * takes this request over instead of starting its own a round trip later. Failures are left
 * for `useApi` to report.
 */
export function prefetch(path: string): void {
  if (cache.has(path) || inflight.has(path)) return;
  const request = getJson<unknown>(path).then((data) => {
    remember(path, data);
    return data;
  });
  inflight.set(path, request);
  request.then(
    () => inflight.delete(path),
    () => inflight.delete(path),
  );
}

export type Resource<T> =
  | { state: "loading"; data?: undefined; error?: undefined; retry: () => void }
  | { state: "ok"; data: T; error?: undefined; retry: () => void }
  | { state: "error"; data?: undefined; error: ApiError; retry: () => void };

type Settled<T> = { path: string; data: T; error?: undefined } | { path: string; data?: undefined; error: ApiError };

/**
 * Fetch `path` from the API and re-render when it arrives. Changing `path` aborts the previous
 * request, and a stale answer never replaces a newer one. A null path fetches nothing (and stays
 * "loading"), for hooks that wait for a choice.
 */
export function useApi<T>(path: string | null): Resource<T> {
  const [settled, setSettled] = useState<Settled<T> | null>(() =>
    path !== null && cache.has(path) ? { path, data: cache.get(path) as T } : null,
  );
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (path === null) return;
    if (cache.has(path)) {
      setSettled({ path, data: cache.get(path) as T });
      return;
    }
    const pending = inflight.get(path) as Promise<T> | undefined;
    if (pending) {
      let live = true;
      pending.then(
        (data) => live && setSettled({ path, data }),
        (error: unknown) => live && setSettled({ path, error: error instanceof ApiError ? error : new ApiError(0, "unknown", String(error)) }),
      );
      return () => {
        live = false;
      };
    }
    const controller = new AbortController();
    getJson<T>(path, controller.signal).then(
      (data) => {
        remember(path, data);
        setSettled({ path, data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError =
          error instanceof ApiError ? error : new ApiError(0, "unknown", String(error));
        setSettled({ path, error: apiError });
      },
    );
    return () => controller.abort();
  }, [path, attempt]);

  const retry = useCallback(() => {
    if (path !== null) cache.delete(path);
    setSettled(null);
    setAttempt((n) => n + 1);
  }, [path]);

  if (!settled || settled.path !== path) return { state: "loading", retry };
  if (settled.error) return { state: "error", error: settled.error, retry };
  return { state: "ok", data: settled.data as T, retry };
}
