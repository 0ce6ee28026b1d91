import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { areaSeries, ruleSets } from "../../db/schema";
import { insertMany, rowWriter, runAtomically } from "../../worker/lib/batch";
import { makeDb } from "../../worker/lib/create-app";

const db = makeDb(env.DB);

describe("insertMany", () => {
  it("writes thousands of rows in statements of as many rows as D1's 100 parameters allow, JSON and booleans exactly as drizzle would", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      snapshot: 900,
      code: `c${String(i).padStart(5, "0")}`,
      indicator: "x",
      body: { name: `Ø'"\\ ${i}`, value: i / 7, nested: [null, true, "æ"] },
    }));
    const statements = insertMany(db, areaSeries, rows);
    // Four columns: 25 rows per statement.
    expect(statements.length).toBe(3000 / 25);
    await runAtomically(db, statements);
    const back = await db.select().from(areaSeries).where(eq(areaSeries.snapshot, 900)).orderBy(areaSeries.code).all();
    expect(back).toEqual(rows);
    // The stored text is byte for byte what JSON.stringify writes (floats, escapes, æøå).
    const raw = await env.DB.prepare("SELECT body FROM area_series WHERE snapshot = 900 AND code = ?").bind(rows[1]!.code).first<{ body: string }>();
    expect(raw!.body).toBe(JSON.stringify(rows[1]!.body));

    const flags = [true, false].map((active, i) => ({ id: "batch_test", version: i + 1, definition: { i }, createdAt: "2026-01-01T00:00:00.000Z", active }));
    await runAtomically(db, insertMany(db, ruleSets, flags));
    expect(await db.select().from(ruleSets).where(eq(ruleSets.id, "batch_test")).orderBy(ruleSets.version).all()).toEqual(flags);
  });

  it("leaves conflicting rows alone unless asked to replace columns", async () => {
    const row = { snapshot: 901, code: "a", indicator: "x", body: { v: 1 } };
    await runAtomically(db, insertMany(db, areaSeries, [row]));
    await runAtomically(db, insertMany(db, areaSeries, [{ ...row, body: { v: 2 } }]));
    expect((await db.select().from(areaSeries).where(eq(areaSeries.snapshot, 901)).get())!.body).toEqual({ v: 1 });
    await runAtomically(db, insertMany(db, areaSeries, [{ ...row, body: { v: 3 } }], ["body"]));
    expect((await db.select().from(areaSeries).where(eq(areaSeries.snapshot, 901)).get())!.body).toEqual({ v: 3 });
  });

  it("writes rows added one at a time (rowWriter) as insertMany writes them all at once, with nothing for no rows", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ snapshot: 903, code: `c${String(i).padStart(5, "0")}`, indicator: "x", body: { text: `Ø'"\\ ${i}`.repeat(40), value: i / 3 } }));
    const writer = rowWriter(db, areaSeries, ["body"]);
    for (const row of rows) writer.add(row);
    const statements = writer.statements();
    // Several statements (the rows pass one statement's parameters), as many as insertMany makes.
    expect(statements.length).toBeGreaterThan(1);
    expect(statements.length).toBe(insertMany(db, areaSeries, rows, ["body"]).length);
    await runAtomically(db, statements);
    expect(await db.select().from(areaSeries).where(eq(areaSeries.snapshot, 903)).orderBy(areaSeries.code).all()).toEqual(rows);
    expect(rowWriter(db, areaSeries).statements()).toEqual([]);
  });

  it("is all or nothing with the rest of its batch", async () => {
    const good = insertMany(db, areaSeries, [{ snapshot: 902, code: "a", indicator: "x", body: {} }]);
    await expect(runAtomically(db, [...good, env.DB.prepare("INSERT INTO no_such_table VALUES (1)")])).rejects.toThrow();
    expect(await db.select().from(areaSeries).where(eq(areaSeries.snapshot, 902)).all()).toEqual([]);
  });
});
