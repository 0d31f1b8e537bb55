// A database for one benchmark run: an in-memory PGlite, or a schema of its own in the given Postgres (dropped
// afterwards).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../src/db/pool.ts";

export async function openBenchDatabase(
  kind: "pglite" | "postgres",
  postgresUrl: string | undefined,
): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (kind === "pglite") return { db: await openDatabase({ dataDir: "memory://" }), drop: async () => undefined };
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = new pg.Pool({ connectionString: postgresUrl, options: `-c search_path=${schema},public`, max: 10 });
  return {
    db: { pool, kind: "postgres", close: () => pool.end() },
    drop: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
