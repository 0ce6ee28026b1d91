import { freePort, prepareDatabase, recomputeVia, startServer } from "./scripts/local-stack";
import { join } from "node:path";
const persistTo = join(process.cwd(), ".wrangler", "ed-demo");
await prepareDatabase({ persistTo, dataset: "demo" }, () => {});
const port = 8931;
const server = await startServer({ port, persistTo });
await recomputeVia(`http://127.0.0.1:${port}`);
console.log("READY", port, server.pid);
await new Promise(() => {});
