import { createRoute, z } from "@hono/zod-openapi";
import { areaCodeSchema, csvList, indicatorIdSchema } from "../api/params";
import { csvHeader, csvMetaLine, csvRows } from "../export/csv";
import { toJsonStat2 } from "../export/jsonstat2";
import { cellsOf, type Cell, type Selection } from "../export/table";
import { createRouter } from "../lib/create-app";
import { snapshotCaching, snapshotEtag, PUBLIC_CACHE } from "../lib/caching";
import { ApiError, HTTP } from "../lib/errors";
import { areaCard, manyAreaCards } from "../queries/areas";
import { listIndicators } from "../queries/indicators";
import { errors, notModified } from "./openapi";

/** Largest selection one request may ask for: areas × indicators × periods. */
export const DOWNLOAD_CELL_LIMIT = 250_000;
const MAX_PERIODS_ASSUMED = 30;
const LICENCE = "CC BY 4.0 (Statistics Norway and the other sources named per indicator)";

const query = z
  .object({
    areas: csvList(areaCodeSchema, { min: 1, max: 500 }).optional(),
    childrenOf: areaCodeSchema.optional(),
    indicators: csvList(indicatorIdSchema, { min: 1, max: 40 }).optional(),
    from: z.coerce.number().int().min(1900).max(2100).optional(),
    to: z.coerce.number().int().min(1900).max(2100).optional(),
    format: z.enum(["csv", "jsonstat2"]).default("csv"),
    // On by default: a file that travels on its own still says how old its data are.
    meta: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  })
  .refine((q) => q.areas || q.childrenOf, { message: "give areas or childrenOf", path: ["areas"] })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: "must not be after to", path: ["from"] });

const download = createRoute({
  method: "get",
  path: "/download",
  summary: "Any selection of areas × indicators × periods as CSV or JSON-stat2",
  description: `At most ${DOWNLOAD_CELL_LIMIT} cells per request (periods counted as ${MAX_PERIODS_ASSUMED} when no range is given). Suppressed values are empty with status ':'. Every figure carries its period; CSV starts with a '#' line (meta=false leaves it out) and JSON-stat2 has \`updated\` and notes saying when the data were updated and the figures computed.`,
  middleware: [snapshotCaching] as const,
  request: { query },
  responses: {
    [HTTP.OK]: {
      description: "The data, streamed",
      content: { "text/csv": { schema: z.string() }, "application/json": { schema: z.object({ version: z.literal("2.0") }).passthrough() } },
    },
    ...notModified,
    ...errors(HTTP.BAD_REQUEST, HTTP.NOT_FOUND, HTTP.PAYLOAD_TOO_LARGE, HTTP.SERVICE_UNAVAILABLE),
  },
});

export const downloadRouter = createRouter().openapi(download, async (c) => {
  const q = c.req.valid("query");
  const db = c.var.db;
  const live = c.var.live!;
  const snapshot = live.version;
  const codes = [...(q.areas ?? [])];
  if (q.childrenOf) {
    const parent = await areaCard(db, live, q.childrenOf);
    if (!parent) throw new ApiError(HTTP.NOT_FOUND, "not_found", `No area with code ${q.childrenOf}`, { field: "query.childrenOf" });
    codes.push(...parent.children.map((ch) => ch.code).filter((code) => !codes.includes(code)));
  }
  const indicatorCount = q.indicators?.length ?? (await listIndicators(db)).length;
  const periods = q.from !== undefined && q.to !== undefined ? q.to - q.from + 1 : MAX_PERIODS_ASSUMED;
  const cells = codes.length * indicatorCount * periods;
  if (cells > DOWNLOAD_CELL_LIMIT) {
    throw new ApiError(HTTP.PAYLOAD_TOO_LARGE, "too_large", `The selection has up to ${cells} cells; the limit is ${DOWNLOAD_CELL_LIMIT}. Split it by areas, indicators or a from/to period range.`, {
      cells, limit: DOWNLOAD_CELL_LIMIT, areas: codes.length, indicators: indicatorCount, periods,
    });
  }
  const sel: Selection = { indicators: q.indicators ?? null, from: q.from ?? null, to: q.to ?? null };
  const first = await manyAreaCards(db, live, codes.slice(0, 90));
  const found = new Set(first.map((b) => b.area.code));
  const unknown = codes.slice(0, 90).filter((code) => !found.has(code));
  if (unknown.length > 0) throw new ApiError(HTTP.NOT_FOUND, "not_found", `No area with code ${unknown.join(", ")}`, { field: "query.areas", unknown });
  const synthetic = first.some((b) => b.synthetic);
  const headers = { ETag: snapshotEtag(live), "Cache-Control": PUBLIC_CACHE };

  if (q.format === "jsonstat2") {
    const all: Cell[] = first.flatMap((b) => cellsOf(b, sel));
    for (let i = 90; i < codes.length; i += 90) all.push(...(await manyAreaCards(db, live, codes.slice(i, i + 90))).flatMap((b) => cellsOf(b, sel)));
    const labels = new Map((await listIndicators(db)).map((i) => [i.id, i.name.nb]));
    const doc = toJsonStat2(all, { label: "Area monitor", source: "Area monitor (områdemonitor)", licence: LICENCE, dataset: live.dataset, snapshot, synthetic, indicatorLabels: labels });
    return c.body(JSON.stringify(doc), HTTP.OK, { ...headers, "Content-Type": "application/json; charset=UTF-8" });
  }

  // CSV streams area by area, so a large selection never sits whole in memory.
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      if (q.meta) controller.enqueue(encoder.encode(csvMetaLine({ source: "Area monitor (områdemonitor)", licence: LICENCE, snapshot, synthetic, dataset: live.dataset })));
      controller.enqueue(encoder.encode(csvHeader()));
      controller.enqueue(encoder.encode(csvRows(first.flatMap((b) => cellsOf(b, sel)))));
      for (let i = 90; i < codes.length; i += 90) {
        const batch = await manyAreaCards(db, live, codes.slice(i, i + 90));
        controller.enqueue(encoder.encode(csvRows(batch.flatMap((b) => cellsOf(b, sel)))));
      }
      controller.close();
    },
  });
  return c.body(stream, HTTP.OK, { ...headers, "Content-Type": "text/csv; charset=UTF-8", "Content-Disposition": 'attachment; filename="area-monitor.csv"' }) as never;
});
