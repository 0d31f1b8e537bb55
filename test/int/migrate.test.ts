import pg from "pg";
import { describe, expect, it } from "vitest";
import { loadMigrations, migrate } from "../../src/db/migrate.ts";
import { dbKinds, openTestDatabase } from "../helpers/db.ts";

describe.each(dbKinds())("migrations on %s", (kind) => {
  it("applies every migration once when two processes start together", async () => {
    const db = await openTestDatabase(kind, { migrate: false });
    try {
      const results = await Promise.all([migrate(db.pool), migrate(db.pool)]);
      const all = loadMigrations();
      expect(results.sort()).toEqual([0, all.length]);
      const { rows } = await db.pool.query("SELECT version FROM schema_migrations ORDER BY version");
      expect(rows.map((r) => r.version)).toEqual(all.map((m) => m.version));
      expect(await migrate(db.pool)).toBe(0);
    } finally {
      await db.close();
    }
  });

  it("rolls back a failing migration completely and says which one failed", async () => {
    const db = await openTestDatabase(kind, { migrate: false });
    try {
      const broken = [
        ...loadMigrations(),
        { version: 9999, name: "9999_broken", sql: "CREATE TABLE half_done (id int); SELECT no_such_function();" },
      ];
      await expect(migrate(db.pool, undefined, broken)).rejects.toThrow(/Migration 9999_broken failed/);
      const { rows } = await db.pool.query(
        "SELECT to_regclass('half_done') AS t, max(version) AS v FROM schema_migrations",
      );
      expect(rows[0]).toEqual({ t: null, v: loadMigrations().at(-1)!.version });
    } finally {
      await db.close();
    }
  });
});

describe("a Postgres without pgvector", () => {
  it("fails with a message that says how to install it", async () => {
    // A stand-in server is overkill: ask a pool whose catalogue query reports no extensions.
    const pool = { connect: async () => fakeClient } as unknown as pg.Pool;
    const fakeClient = {
      query: async (sql: string) => (sql.includes("pg_available_extensions") ? { rows: [] } : { rows: [] }),
      release: () => undefined,
    };
    await expect(migrate(pool)).rejects.toThrow(
      /pgvector extension is not installed.*apt-get install postgresql-<version>-pgvector/s,
    );
  });
});
