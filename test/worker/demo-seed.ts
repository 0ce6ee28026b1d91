import { env } from "cloudflare:workers";
import { generateDemo, toSqlStatements } from "../../db/demo/dataset";

/** Loads the whole synthetic demo dataset (the one `npm start` serves) into the test D1. */
export async function seedDemo() {
  const statements = toSqlStatements(generateDemo({ scale: "demo" }), 400);
  for (let i = 0; i < statements.length; i += 50) {
    await env.DB.batch(statements.slice(i, i + 50).map((s) => env.DB.prepare(s)));
  }
}
