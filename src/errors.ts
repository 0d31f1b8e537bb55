/**
 * An error whose message is safe to show to the user: `key` is an i18n message id, `params` its variables.
 * Everything else is an internal error: logged with its cause and replaced by a short apology.
 */
export class UserError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = "UserError";
  }
}

/** An internal error with a remedy in its message and the original error kept as `cause`. */
export class AppError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AppError";
  }
}

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "08000",
  "08003",
  "08006",
]);

/** True when the error means "the database is not reachable right now" rather than a bug in a query. */
export function isConnectionError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof e.code === "string" && CONNECTION_CODES.has(e.code)) return true;
    if (
      typeof e.message === "string" &&
      /timeout exceeded when trying to connect|Connection terminated/i.test(e.message)
    )
      return true;
    current = e.cause;
  }
  return false;
}
