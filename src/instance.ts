import { AppError } from "./errors.ts";

/** Who the running process is, from main.ts (the only module that touches `process`). */
export type ProcessInfo = { pid: number; isAlive(pid: number): boolean };

/** What a lock file says about the process that holds an embedded database folder. */
export type LockInfo = { pid: number; startedAt: string; socket?: string; token: string };

/** The embedded database folder is held by another live daihoi process: what it is, and how to reach it. */
export class DatabaseLockedError extends AppError {
  override name = "DatabaseLockedError";
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another daihoi process (pid ${holder.pid}). ` +
        `Only one process may open it.`,
    );
  }
}
