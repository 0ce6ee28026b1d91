import { buildWeb, DEFAULT_PERSIST, prepareDatabase, recomputeVia, startServer, type Dataset } from "./local-stack";
import { holdServerLock } from "./server-lock";

const port = Number(process.env.PORT ?? 8787);
const base = `http://localhost:${port}`;
// `npm start` serves the real figures; `npm run start:demo` the synthetic national demo.
const dataset: Dataset = process.argv.includes("--demo") ? "demo" : "real";
const persistTo = DEFAULT_PERSIST[dataset];

// Imports refuse to reset or write this database while the lock says we serve it.
holdServerLock(persistTo, port);
buildWeb();
await prepareDatabase({ dataset, persistTo });
console.log(`• starting API + web on ${base} (${dataset === "real" ? "real data" : "synthetic demo data"})`);
const server = await startServer({ port, verbose: true, persistTo });
const result = await recomputeVia(base);
console.log(`\n✔ recomputed snapshot v${result.version} (${result.areasDone} areas)`);
console.log(`✔ area monitor running at ${base}  (API: ${base}/api/v1/search?q=tromso)  — Ctrl+C to stop\n`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.kill(signal);
    process.exit(0);
  });
}
server.on("exit", (code) => process.exit(code ?? 0));
