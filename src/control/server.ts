import { timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, unlinkSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import type { Logger } from "../logger.ts";
import { OPERATION_NAMES, type Operations } from "./operations.ts";
import { toWireError, type ControlRequest, type ControlResponse } from "./protocol.ts";

const MAX_REQUEST_BYTES = 20 * 1024 * 1024;

/** Unix socket paths are limited to ~107 bytes: a long data folder gets its socket in the temp folder. */
export function socketPathFor(dataDir: string): string {
  const local = join(dataDir, "daihoi.sock");
  if (Buffer.byteLength(local) <= 100) return local;
  return join(tmpdir(), `daihoi-${createHash("sha256").update(dataDir).digest("hex").slice(0, 16)}.sock`);
}

/**
 * The running bot's local control socket: lets `daihoi invite`, `units import`… work while the bot holds the
 * embedded database (a second process may not open it). A Unix socket only the same OS user can open (mode 0600),
 * and a token from the lock file (also 0600) on every request; only the operations listed are callable.
 */
/** Where the control socket lives and how clients find it (the lock file of the embedded database). */
export type ControlEndpoint = { dataDir: string; token: string; publish(socketPath: string): void };

export async function startControlServer(
  lock: ControlEndpoint,
  operations: Operations,
  logger: Logger,
): Promise<{ close(): Promise<void> }> {
  const path = socketPathFor(lock.dataDir);
  // A socket file left by a process that was killed: the lock said that process is gone.
  if (existsSync(path)) unlinkSync(path);
  const expected = Buffer.from(lock.token);
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let buffer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      if (buffer.length > MAX_REQUEST_BYTES) socket.destroy();
      const newline = buffer.indexOf("\n");
      if (newline < 0) return;
      const line = buffer.slice(0, newline);
      buffer = "";
      void handle(line).then((response) => socket.end(`${JSON.stringify(response)}\n`));
    });
    socket.on("error", () => undefined);
  });

  async function handle(line: string): Promise<ControlResponse> {
    let request: ControlRequest;
    try {
      request = JSON.parse(line) as ControlRequest;
    } catch {
      return { ok: false, error: { kind: "app", message: "bad request" } };
    }
    const token = Buffer.from(String(request.token ?? ""));
    if (token.length !== expected.length || !timingSafeEqual(token, expected)) {
      logger.warn("control socket: request with a wrong token refused");
      return { ok: false, error: { kind: "app", message: "not authorised" } };
    }
    if (!(OPERATION_NAMES as readonly string[]).includes(request.op) || !Array.isArray(request.args)) {
      return { ok: false, error: { kind: "app", message: `unknown operation ${String(request.op).slice(0, 40)}` } };
    }
    const op = operations[request.op as keyof Operations] as (...args: unknown[]) => Promise<unknown>;
    try {
      logger.info({ op: request.op }, "command line operation through the running bot");
      return { ok: true, result: await op(...request.args) };
    } catch (error) {
      logger.warn({ err: error, op: request.op }, "command line operation failed");
      return { ok: false, error: toWireError(error) };
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, () => {
      server.off("error", reject);
      resolve();
    });
  });
  chmodSync(path, 0o600);
  lock.publish(path);
  return {
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      if (existsSync(path)) unlinkSync(path);
    },
  };
}
