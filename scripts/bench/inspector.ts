/**
 * A minimal Chrome DevTools Protocol client for the worker's isolate, through the inspector
 * `wrangler dev --inspector-port` opens: the benchmark reads the JS heap with it (what counts
 * against a deployed Worker's 128 MB, unlike workerd's resident memory, which includes the
 * local D1's SQLite cache), and `--profile` records a CPU profile.
 */
export interface Inspector {
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
  close(): void;
}

export async function connectInspector(port: number): Promise<Inspector> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { webSocketDebuggerUrl: string }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on port ${port}`);
  // wrangler's inspector proxy refuses connections without an Origin it trusts (Node's
  // WebSocket takes headers as a non-standard second argument).
  const ws = new WebSocket(url, { headers: { Origin: `http://127.0.0.1:${port}` } } as unknown as string[]);
  await new Promise((ok, fail) => {
    ws.onopen = ok;
    ws.onerror = fail;
  });
  let id = 0;
  const pending = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
  ws.onmessage = (m) => {
    const msg = JSON.parse(String(m.data)) as { id?: number; result?: unknown; error?: { message: string } };
    const p = msg.id === undefined ? undefined : pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id!);
    if (msg.error) p.fail(new Error(msg.error.message));
    else p.ok(msg.result);
  };
  return {
    send: <T>(method: string, params = {}) =>
      new Promise<T>((ok, fail) => {
        pending.set(++id, { ok: ok as (v: unknown) => void, fail });
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}

/** Samples the isolate's used JS heap until stopped; returns the peak in MB. */
export function sampleHeap(inspector: Inspector, everyMs = 200) {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const { usedSize } = await inspector.send<{ usedSize: number }>("Runtime.getHeapUsage");
        peak = Math.max(peak, usedSize);
      } catch {
        // the isolate is busy restarting; try again
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return Math.round(peak / 2 ** 20);
  };
}
