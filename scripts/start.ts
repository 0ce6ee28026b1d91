import { buildWeb, prepareDatabase, recomputeVia, startServer } from "./local-stack";
import { DEFAULT_STATE, holdServerLock } from "./server-lock";

const port = Number(process.env.PORT ?? 8787);
const base = `http://localhost:${port}`;

// Imports refuse to reset or write this database while the lock says we serve it.
holdServerLock(DEFAULT_STATE, port);
buildWeb();
prepareDatabase();
console.log(`• starting API + web on ${base}`);
const server = await startServer({ port, verbose: true });
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
