/**
 * The line every import command ends with: exactly what to run next for the data to be seen.
 * It depends on where the import went (the local database with no server on it, the running
 * `npm start`, or a deployed worker) and on what the import did.
 */
import type { ImportReport } from "../worker/import/report";

export type ImportTarget = { kind: "local" } | { kind: "server"; base: string } | { kind: "remote"; base: string };

export function nextStep(report: Pick<ImportReport, "status" | "dryRun" | "recompute">, target: ImportTarget): string {
  if (report.status === "rejected") return "Nothing was written. Fix the errors above and run the same command again.";
  if (report.dryRun) return "A dry run writes nothing: run the same command without --dry-run to import the file.";
  const recompute = target.kind === "remote" ? `npm run recompute -- --remote ${target.base}` : "npm run recompute";
  const token = target.kind === "remote" ? " (with ADMIN_TOKEN set)" : "";
  if (report.status === "unchanged") {
    if (target.kind === "local") return "Nothing changed: the database already holds this file. Run `npm start` to serve it.";
    return `Nothing changed: the database already holds this file. If an earlier import is not published yet, run \`${recompute}\`${token}.`;
  }
  if (report.recompute.result?.state === "complete") {
    if (target.kind === "local") return "Published. Run `npm start` to serve it.";
    return target.kind === "server" ? `Published: reload ${target.base} to see it.` : `Published at ${target.base}.`;
  }
  if (target.kind === "local") return "Run `npm start` to serve it (it recomputes the snapshot first).";
  if (target.kind === "server") return `Run \`npm run recompute\` to publish it on the running server, then reload ${target.base}.`;
  return `Run \`${recompute}\`${token} to publish it, or wait for the nightly recompute (03:15 UTC).`;
}
