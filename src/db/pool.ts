import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import pg from "pg";
import { AppError } from "../errors.ts";
import type { ProcessInfo } from "../instance.ts";
import { lockFolder } from "./folder-lock.ts";
import type { Logger } from "../logger.ts";

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** Anything that can run a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, "query"> | pg.PoolClient;

export type Database = {
  pool: pg.Pool;
  kind: "postgres" | "pglite";
  /** An embedded database in a folder: the lock this process holds on it (its file also names the control socket). */
  folderLock?: FolderLock | undefined;
  close(): Promise<void>;
};

export type FolderLock = ReturnType<typeof lockFolder> & { dataDir: string };

const CONNECTION_TIMEOUT_MS = 10_000;

/**
 * One pg.Pool for the whole program. With a URL: a real Postgres. Without: an embedded PGlite in `dataDir`
 * (or `memory://` for tests) behind the same pg.Pool, so the rest of the code cannot tell the difference.
 */
export async function openDatabase(options: {
  url?: string | undefined;
  dataDir?: string | undefined;
  logger?: Logger;
  /** The process opening it: an embedded database folder is then locked to it (one writer per folder). */
  owner?: ProcessInfo | undefined;
}): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 10,
      // node-postgres waits forever for a connection by default; fail fast instead.
      connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
    });
    // An idle client losing its connection (Postgres restarted) emits 'error' on the pool; without a listener
    // that would crash the process. The next query gets a fresh connection.
    pool.on("error", (error) => options.logger?.warn({ err: error }, "idle database connection lost"));
    return { pool, kind: "postgres", close: () => pool.end() };
  }
  return openEmbedded(options.dataDir ?? "./data", options.logger, options.owner);
}

async function openEmbedded(dataDir: string, logger?: Logger, owner?: ProcessInfo): Promise<Database> {
  const [{ PGlite }, { vector }, { unaccent }, { pg_trgm }, { createPgConfig }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite-pgvector"),
    import("@electric-sql/pglite/contrib/unaccent"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("@electric-sql/pglite/node-postgres"),
  ]);
  let location = dataDir;
  let folderLock: FolderLock | undefined;
  if (!dataDir.startsWith("memory://")) {
    location = resolve(dataDir, "pglite");
    mkdirSync(location, { recursive: true });
    // Before PGlite touches the folder: a second process is refused here (DatabaseLockedError), not corrupting it.
    if (owner) folderLock = { ...lockFolder(resolve(dataDir), owner), dataDir: resolve(dataDir) };
  }
  let db: InstanceType<typeof PGlite>;
  try {
    db = await PGlite.create(location, { extensions: { vector, unaccent, pg_trgm } });
  } catch (error) {
    folderLock?.release();
    throw new AppError(
      `Could not open the embedded database in ${location}. Is another daihoi process using it? ` +
        `Stop it, or set DATA_DIR to another folder, or DATABASE_URL to a Postgres server.`,
      { cause: error },
    );
  }
  // Over PGlite the pool has exactly one connection: code holding a client must pass it down, never call
  // pool.query meanwhile. The timeout turns such a bug into a fast error instead of a hang.
  const pool = new pg.Pool({ ...createPgConfig(db), connectionTimeoutMillis: CONNECTION_TIMEOUT_MS });
  pool.on("error", (error) => logger?.warn({ err: error }, "embedded database connection error"));
  return {
    pool,
    kind: "pglite",
    folderLock,
    async close() {
      await pool.end();
      await db.close();
      folderLock?.release();
    },
  };
}

/** Runs `fn` inside a transaction on one client, released in every case. */
export async function withTransaction<T>(pool: pg.Pool, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
