import { pino, stdSerializers, type Logger } from "pino";

export type { Logger };

// A Bot API URL carries the token ("…/bot123:ABC…/sendMessage"), and grammY's network errors quote it.
const TOKEN_IN_URL = /bot\d+:[A-Za-z0-9_-]+/g;
const BEARER = /(Bearer\s+)[A-Za-z0-9._-]+/gi;

/** Removes secrets from every string inside a logged value (error messages and stacks included). */
export function scrubSecrets<T>(value: T, depth = 0): T {
  if (typeof value === "string")
    return value.replace(TOKEN_IN_URL, "bot<redacted>").replace(BEARER, "$1<redacted>") as T;
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => scrubSecrets(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  // Serialized errors keep type, message and stack on their prototype: read those by name too.
  const keys = new Set([
    ...Object.keys(source),
    ...["type", "message", "stack", "code", "cause"].filter((k) => source[k] !== undefined),
  ]);
  for (const key of keys) out[key] = scrubSecrets(source[key], depth + 1);
  return out as T;
}

/** A pino logger writing JSON to stderr (stdout is kept for the console chat and --json output). */
export function createLogger(options: { level?: string | undefined } = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: undefined,
      serializers: { err: (error: Error) => scrubSecrets(stdSerializers.err(error)) },
      hooks: {
        // Secrets in a plain log message too.
        logMethod(args, method) {
          method.apply(this, args.map((a) => scrubSecrets(a)) as Parameters<typeof method>);
        },
      },
      redact: {
        paths: [
          "token",
          "apiKey",
          "*.token",
          "*.apiKey",
          "*.password",
          "config.telegram.token",
          "config.openai.apiKey",
        ],
        censor: "[redacted]",
      },
    },
    pino.destination(2),
  );
}
