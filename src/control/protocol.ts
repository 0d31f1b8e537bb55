import { AppError, UserError } from "../errors.ts";
import { UnitImportError } from "../services/types.ts";

/** One request per connection: a JSON line in, a JSON line out. */
export type ControlRequest = { token: string; op: string; args: unknown[] };

export type WireError =
  | { kind: "user"; key: string; params: Record<string, string | number> }
  | { kind: "import"; problems: UnitImportError["problems"] }
  | { kind: "app"; message: string };

export type ControlResponse = { ok: true; result: unknown } | { ok: false; error: WireError };

export function toWireError(error: unknown): WireError {
  if (error instanceof UserError) return { kind: "user", key: error.key, params: error.params };
  if (error instanceof UnitImportError) return { kind: "import", problems: error.problems };
  return {
    kind: "app",
    message: error instanceof AppError ? error.message : "the running bot could not do it (see its log)",
  };
}

export function fromWireError(error: WireError): Error {
  if (error.kind === "user") return new UserError(error.key, error.params);
  if (error.kind === "import") return new UnitImportError(error.problems);
  return new AppError(error.message);
}
