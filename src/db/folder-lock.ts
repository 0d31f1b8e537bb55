import { randomBytes } from "node:crypto";
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../errors.ts";
import { DatabaseLockedError, type LockInfo, type ProcessInfo } from "../instance.ts";

export const LOCK_FILE = "daihoi.lock";

/**
 * One writer per embedded database folder: PGlite has no locking of its own, and two processes on one folder lose
 * writes or corrupt it. The lock is a file created exclusively (O_EXCL) holding the pid; a lock whose process is
 * gone (kill -9) is stale and taken over. Readable by the owner only: it holds the local control token.
 */
export function lockFolder(
  dataDir: string,
  owner: ProcessInfo,
): { info: LockInfo; update(patch: Partial<LockInfo>): void; release(): void } {
  const path = join(dataDir, LOCK_FILE);
  const info: LockInfo = {
    pid: owner.pid,
    startedAt: new Date().toISOString(),
    token: randomBytes(24).toString("hex"),
  };
  const write = (fd: number) => writeSync(fd, JSON.stringify(info));
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      write(fd);
      closeSync(fd);
      return {
        info,
        update(patch) {
          Object.assign(info, patch);
          const fd2 = openSync(path, "w", 0o600);
          write(fd2);
          closeSync(fd2);
        },
        release() {
          try {
            const current = readLock(dataDir);
            if (current?.pid === owner.pid && current.token === info.token) unlinkSync(path);
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
      const holder = readLock(dataDir);
      if (holder && holder.pid !== owner.pid && owner.isAlive(holder.pid))
        throw new DatabaseLockedError(dataDir, holder);
      // Stale (its process is gone) or unreadable (a crash mid-write): take it over.
      try {
        unlinkSync(path);
      } catch {
        // someone else removed it first
      }
    }
  }
  throw new AppError(`Could not lock the embedded database folder ${dataDir}.`);
}

export function readLock(dataDir: string): LockInfo | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), "utf8")) as Partial<LockInfo>;
    if (typeof parsed.pid !== "number" || typeof parsed.token !== "string") return undefined;
    return parsed as LockInfo;
  } catch {
    return undefined;
  }
}
