/**
 * `npm run publish -- --ruleset <id> --year <yyyy> --level <level> [--version <n>]
 * [--corrects <edition id> --reason "…"] [--remote https://worker.example]`: publishes an edition
 * of a classification list through the admin route (POST /api/admin/editions), freezing what
 * the live snapshot lists. Locally it uses the running `npm start`, or starts `wrangler dev` on
 * the same D1 state; with --remote it calls a deployed worker (ADMIN_TOKEN from the
 * environment). Prints the edition's id, URL and citation, or the route's error (field and why).
 */
import { parseArgs } from "node:util";
import { DEV_ADMIN_TOKEN, freePort, prepareDatabase, startServer } from "./local-stack";
import { DEFAULT_STATE, runningServer } from "./server-lock";

const { values: args } = parseArgs({
  options: {
    ruleset: { type: "string" },
    year: { type: "string" },
    level: { type: "string" },
    version: { type: "string" },
    corrects: { type: "string" },
    reason: { type: "string" },
    remote: { type: "string" },
  },
  strict: true,
});

function fail(message: string): never {
  console.error(`publish: ${message}`);
  process.exit(2);
}
if (!args.ruleset) fail("--ruleset is required (a rule set id, e.g. norway_default)");
if (!args.year || !/^\d{4}$/.test(args.year)) fail("--year is required: the year the list is for, e.g. 2024");
if (!args.level) fail("--level is required: grunnkrets, bydel or kommune");
if (args.version !== undefined && !/^\d+$/.test(args.version)) fail("--version must be a whole number");
if ((args.corrects === undefined) !== (args.reason === undefined)) fail("--corrects and --reason go together: a correction says what changed and why");

const remote = args.remote;
const token = remote ? process.env.ADMIN_TOKEN : DEV_ADMIN_TOKEN;
if (!token) fail("set ADMIN_TOKEN to the deployed worker's admin token");

// While `npm start` serves the local database, publish there; otherwise start wrangler on it.
const running = remote ? null : await runningServer(DEFAULT_STATE);
if (!remote && !running) await prepareDatabase({}, (s) => console.error(s));
const port = running ? running.port : await freePort();
const server = remote || running ? null : await startServer({ port });
const base = (remote ?? `http://127.0.0.1:${port}`).replace(/\/+$/, "");

const body = {
  ruleset: args.ruleset,
  year: Number(args.year),
  level: args.level,
  ...(args.version !== undefined ? { version: Number(args.version) } : {}),
  ...(args.corrects !== undefined ? { corrects: args.corrects, reason: args.reason } : {}),
};
try {
  const res = await fetch(`${base}/api/admin/editions`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const answer = (await res.json()) as { id?: string; url?: string; citation?: string; counts?: unknown; error?: { message: string } };
  if (res.status !== 201) {
    console.error(`publish: ${res.status} ${answer.error?.message ?? JSON.stringify(answer)}`);
    process.exitCode = 1;
  } else {
    console.log(JSON.stringify({ id: answer.id, url: answer.url, citation: answer.citation, counts: answer.counts }, null, 2));
  }
} finally {
  server?.kill("SIGTERM");
}
