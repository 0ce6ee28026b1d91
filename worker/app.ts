import { cors } from "hono/cors";
import { createApp } from "./lib/create-app";
import { adminRouter } from "./routes/admin";
import { analysisRouter } from "./routes/analysis";
import { areasRouter } from "./routes/areas";
import { compareRouter } from "./routes/compare";
import { docsRouter, OPENAPI_INFO } from "./routes/docs";
import { downloadRouter } from "./routes/download";
import { adminEditionsRouter, editionsRouter } from "./routes/editions";
import { embedRouter } from "./routes/embed";
import { feedsApiRouter, feedsRouter } from "./routes/feeds";
import { healthRouter } from "./routes/health";
import { importRouter } from "./routes/import";
import { indicatorsRouter } from "./routes/indicators";
import { initiativesAdminRouter, initiativesRouter } from "./routes/initiatives";
import { mapsRouter } from "./routes/maps";
import { overviewRouter } from "./routes/overview";
import { searchRouter } from "./routes/search";

export const app = createApp();

// First, so its security headers wrap every route; also /embed/*, /embed.js and /oembed.
app.route("/", embedRouter);

// Widgets and researchers call the public API from any origin; admin routes get no CORS.
app.use("/api/v1/*", cors({ origin: "*", allowMethods: ["GET", "HEAD", "OPTIONS"], exposeHeaders: ["ETag"], maxAge: 86400 }));

app.route("/api/v1", searchRouter);
app.route("/api/v1", areasRouter);
app.route("/api/v1", indicatorsRouter);
app.route("/api/v1", compareRouter);
app.route("/api/v1", downloadRouter);
app.route("/api/v1", mapsRouter);
app.route("/api/v1", overviewRouter);
app.route("/api/v1", analysisRouter);
app.route("/api/v1", feedsApiRouter);
app.route("/", feedsRouter);
app.route("/api/v1", editionsRouter);
app.route("/api/v1", initiativesRouter);
app.route("/api", healthRouter);
app.route("/api/admin", adminRouter);
app.route("/api/admin", importRouter);
app.route("/api/admin", adminEditionsRouter);
app.route("/api/admin", initiativesAdminRouter);

app.doc31("/api/openapi.json", OPENAPI_INFO);
app.route("/api", docsRouter(() => app.getOpenAPI31Document(OPENAPI_INFO) as never));
