import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { DEV_ADMIN_TOKEN } from "../../worker/lib/admin-auth";
import { ADMIN, post } from "./fixtures";

// wrangler dev sets CF-Connecting-IP from the socket; these calls come from this machine.
const call = (url: string, token: string | null, overrides: Partial<Env>) =>
  app.request(url, { method: "POST", headers: { "CF-Connecting-IP": "127.0.0.1", ...(token ? { Authorization: `Bearer ${token}` } : {}) } }, { ...env, ...overrides });

describe("POST /api/admin/recompute", () => {
  it("needs the bearer token", async () => {
    expect((await post("/api/admin/recompute")).status).toBe(401);
    expect((await post("/api/admin/recompute", { Authorization: "Bearer wrong" })).status).toBe(401);
    expect((await post("/api/admin/recompute", ADMIN)).status).toBe(200);
  });

  it("refuses every call on a deployed worker without the secret, even with the dev token", async () => {
    const res = await call("https://area-monitor.example.workers.dev/api/admin/recompute", DEV_ADMIN_TOKEN, { ADMIN_TOKEN: undefined, ALLOW_DEV_ADMIN_TOKEN: "false" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("admin_disabled");
  });

  it("accepts the documented dev token only in local development on loopback", async () => {
    const local = { ADMIN_TOKEN: undefined, ALLOW_DEV_ADMIN_TOKEN: "true" } as unknown as Partial<Env>;
    expect((await call("http://localhost:8787/api/admin/recompute", DEV_ADMIN_TOKEN, local)).status).toBe(200);
    expect((await call("https://monitor.example.no/api/admin/recompute", DEV_ADMIN_TOKEN, local)).status).toBe(403);
    expect((await call("http://localhost:8787/api/admin/recompute", "nope", local)).status).toBe(401);
  });

  it("rejects a malformed parameter with 400 naming it", async () => {
    const res = await post("/api/admin/recompute?fresh=maybe", ADMIN);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^query\.fresh/);
  });
});
