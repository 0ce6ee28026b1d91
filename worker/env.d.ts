// Secrets are not in wrangler.toml, so `wrangler types` cannot see them.
interface Env {
  /** Bearer token for /api/admin/*; set with `wrangler secret put ADMIN_TOKEN`. */
  ADMIN_TOKEN?: string;
}
