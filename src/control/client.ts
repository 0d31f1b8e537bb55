import { connect } from "node:net";
import type { LockInfo } from "../instance.ts";
import { AppError } from "../errors.ts";
import { OPERATION_NAMES, type Operations } from "./operations.ts";
import { fromWireError, type ControlResponse } from "./protocol.ts";

/** Thrown when the process holding the database cannot be reached through its control socket. */
export class ControlUnavailableError extends AppError {
  override name = "ControlUnavailableError";
}

/** The operations of the process that holds the embedded database, called through its control socket. */
export function remoteOperations(holder: LockInfo, options: { timeoutMs?: number } = {}): Operations {
  const call = (op: string, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      if (!holder.socket) {
        reject(new ControlUnavailableError("the running process has no control socket"));
        return;
      }
      const socket = connect(holder.socket);
      let buffer = "";
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ControlUnavailableError("the running process did not answer in time"));
      }, options.timeoutMs ?? 120_000);
      socket.setEncoding("utf8");
      socket.on("connect", () => socket.write(`${JSON.stringify({ token: holder.token, op, args })}\n`));
      socket.on("data", (chunk: string) => (buffer += chunk));
      socket.on("error", (error) => {
        clearTimeout(timer);
        reject(new ControlUnavailableError(`cannot reach the running process: ${error.message}`, { cause: error }));
      });
      socket.on("end", () => {
        clearTimeout(timer);
        let response: ControlResponse;
        try {
          response = JSON.parse(buffer) as ControlResponse;
        } catch {
          reject(new ControlUnavailableError("the running process gave no answer"));
          return;
        }
        if (response.ok) resolve(response.result);
        else reject(fromWireError(response.error));
      });
    });
  return Object.fromEntries(OPERATION_NAMES.map((op) => [op, (...args: unknown[]) => call(op, args)])) as Operations;
}
