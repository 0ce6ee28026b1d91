/**
 * Who serves a local D1 right now. `npm start` keeps a lock file (its pid and port) in the
 * wrangler state folder it serves and removes it on exit; commands that reset or write that
 * database ask here first, because resetting it under a running `wrangler dev` makes every
 * call fail (500) until the server is restarted. A lock whose process has died (a killed
 * terminal) is ignored and removed. For the default state folder the port is also probed
 * (`/api/health`), which finds a server started without the lock (`npx wrangler dev`).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";

export const LOCK_FILE = "server.lock";
export const DEFAULT_PORT = 8787;
/** Where `wrangler dev` and `wrangler d1 … --local` keep local data unless told otherwise. */
export const DEFAULT_STATE = resolve(import.meta.dirname, "..", ".wrangler", "state");
/** The port `npm start` serves on (PORT overrides, as in scripts/start.ts). */
export const localPort = () => Number(process.env.PORT ?? DEFAULT_PORT);

const lockSchema = z.object({ pid: z.number().int().positive(), port: z.number().int().positive(), startedAt: z.string() });
export type ServerLock = z.infer<typeof lockSchema>;

export const lockPath = (stateDir: string) => join(stateDir, LOCK_FILE);

/** The lock in `stateDir`, or null when there is none or it is unreadable. */
export function readServerLock(stateDir: string): ServerLock | null {
  try {
    const parsed = lockSchema.safeParse(JSON.parse(readFileSync(lockPath(stateDir), "utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Whether a process with this id exists (signal 0 only asks; EPERM: it exists, as another user's). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether an area monitor answers `/api/health` on this local port (its JSON has a `status`). */
export async function healthAnswers(port: number, timeoutMs = 1500): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json()) as { status?: unknown };
    return typeof body.status === "string";
  } catch {
    return false;
  }
}

/**
 * Writes this process's lock into `stateDir` and removes it when the process exits (Ctrl+C
 * included, as `npm start` exits on SIGINT). Returns the release function.
 */
export function holdServerLock(stateDir: string, port: number, pid = process.pid, alive = pidAlive): () => void {
  const file = lockPath(stateDir);
  const other = readServerLock(stateDir);
  if (other && other.pid !== pid && alive(other.pid)) {
    throw new Error(`\`npm start\` (pid ${other.pid}) already serves ${stateDir} at http://localhost:${other.port}: use that one, or stop it first`);
  }
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ pid, port, startedAt: new Date().toISOString() } satisfies ServerLock));
  const release = () => {
    // Only our own: a later `npm start` may have taken the folder over.
    if (readServerLock(stateDir)?.pid === pid) rmSync(file, { force: true });
  };
  process.once("exit", release);
  return release;
}

export interface RunningServer {
  port: number;
  /** The lock's process, when the server was found by its lock. */
  pid: number | null;
  /** How it was found: its lock in the state folder, or an answer on the port. */
  via: "lock" | "port";
}

export interface FindOptions {
  /** Probe this port's /api/health when there is no live lock (only for the folder wrangler dev uses by default). */
  probePort?: number | null;
  alive?: (pid: number) => boolean;
  answers?: (port: number) => Promise<boolean>;
}

/** The server serving `stateDir` right now, or null. A stale lock (dead pid) is removed. */
export async function runningServer(stateDir: string, o: FindOptions = {}): Promise<RunningServer | null> {
  const alive = o.alive ?? pidAlive;
  const answers = o.answers ?? healthAnswers;
  const lock = readServerLock(stateDir);
  if (lock && alive(lock.pid)) return { port: lock.port, pid: lock.pid, via: "lock" };
  if (lock) rmSync(lockPath(stateDir), { force: true });
  if (o.probePort != null && (await answers(o.probePort))) return { port: o.probePort, pid: null, via: "port" };
  return null;
}

/** What to tell someone whose command would reset or write the database a server is using. */
export function refusal(command: string, stateDir: string, server: RunningServer): string {
  const who =
    server.via === "lock"
      ? `\`npm start\` (pid ${server.pid}) is serving this database (${stateDir}) at http://localhost:${server.port}.`
      : `A local server answers at http://localhost:${server.port} and may be serving this database (${stateDir}).`;
  return [
    who,
    "Changing the database underneath it would make every page fail until it restarts.",
    `Stop it (Ctrl+C in its terminal) and run \`${command}\` again; then \`npm start\` serves the new data.`,
    ...(server.via === "lock" ? [`(If no server runs, delete ${lockPath(stateDir)}.)`] : []),
  ].join("\n");
}
