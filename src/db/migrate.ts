import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type pg from "pg";
import { AppError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { MIGRATIONS_DIR } from "../paths.ts";

// Any fixed number: the key of the advisory lock that serialises migrations between processes.
const MIGRATION_LOCK_KEY = 4_242_001;

type Migration = { version: number; name: string; sql: string };

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ""),
      sql: readFileSync(join(dir, file), "utf8"),
    }));
}

/**
 * Applies pending migrations, each in its own transaction with its version row written first. A session-level
 * advisory lock makes a second process starting at the same time wait, then find nothing left to do.
 */
export async function migrate(pool: pg.Pool, logger?: Logger, migrations = loadMigrations()): Promise<number> {
  const client = await pool.connect();
  let applied = 0;
  try {
    await ensureExtensions(client);
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version integer PRIMARY KEY,
           name text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const done = new Set(
        (await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version),
      );
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        await client.query("BEGIN");
        try {
          await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
            migration.version,
            migration.name,
          ]);
          await client.query(migration.sql);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw new AppError(`Migration ${migration.name} failed; nothing of it was applied.`, { cause: error });
        }
        applied++;
        logger?.info({ migration: migration.name }, "migration applied");
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
  return applied;
}

const PGVECTOR_HELP =
  "The pgvector extension is not installed on this Postgres server. Install it (Debian/Ubuntu: " +
  "`apt-get install postgresql-<version>-pgvector`, or build it from https://github.com/pgvector/pgvector), " +
  "or unset DATABASE_URL to use the embedded database.";

/** Extensions live outside the migrations so a missing pgvector gets a message that says how to install it. */
async function ensureExtensions(client: pg.PoolClient): Promise<void> {
  const available = await client.query<{ name: string }>(
    "SELECT name FROM pg_available_extensions WHERE name = ANY($1::text[])",
    [["vector", "unaccent", "pg_trgm"]],
  );
  const names = new Set(available.rows.map((r) => r.name));
  if (!names.has("vector")) throw new AppError(PGVECTOR_HELP);
  for (const ext of ["vector", "unaccent", "pg_trgm"]) {
    if (!names.has(ext)) throw new AppError(`The Postgres extension ${ext} is missing: install postgresql-contrib.`);
    try {
      await client.query(`CREATE EXTENSION IF NOT EXISTS ${ext}`);
    } catch (error) {
      // Two processes creating the same extension at once: the loser sees a unique violation; it exists now.
      if ((error as { code?: string }).code !== "23505") {
        throw new AppError(
          `Could not enable the Postgres extension ${ext}. Ask a superuser to run CREATE EXTENSION ${ext}; in this database.`,
          { cause: error },
        );
      }
    }
  }
}
