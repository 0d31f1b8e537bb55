import { pino, stdSerializers, type Logger } from "pino";
import type { Config } from "./config.ts";

export type { Logger };

// A Bot API URL carries the token ("…/bot123:ABC…/sendMessage"), and grammY's network errors quote it.
const TOKEN_IN_URL = /bot\d+:[A-Za-z0-9_-]+/g;
const BEARER = /(Bearer\s+)[A-Za-z0-9._-]+/gi;
const REDACTED = "[redacted]";

/** The configured secrets, by value: the bot token (and its secret half), the API key, the database password. */
export function secretsOf(config: Config): string[] {
  const secrets: string[] = [];
  const token = config.telegram.token;
  if (token) secrets.push(token, token.slice(token.indexOf(":") + 1));
  if (config.openai.apiKey) secrets.push(config.openai.apiKey);
  if (config.database.url) {
    try {
      const url = new URL(config.database.url);
      if (url.password) secrets.push(decodeURIComponent(url.password), url.password);
    } catch {
      // not a URL: nothing to take from it (the config check refuses it anyway)
    }
  }
  // Short strings would redact ordinary words; a real secret is longer.
  return [...new Set(secrets)].filter((s) => s.length >= 6).sort((a, b) => b.length - a.length);
}

/** Removes secrets from a text: the configured ones wherever they appear (also JSON-escaped), tokens in URLs. */
export function scrubText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    out = out.split(secret).join(REDACTED);
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) out = out.split(escaped).join(REDACTED);
  }
  return out.replace(TOKEN_IN_URL, "bot<redacted>").replace(BEARER, "$1<redacted>");
}

/** Removes secrets from every string inside a value (error messages and stacks included). */
export function scrubSecrets<T>(value: T, secrets: readonly string[] = [], depth = 0): T {
  if (typeof value === "string") return scrubText(value, secrets) as T;
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => scrubSecrets(v, secrets, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  // Serialized errors keep type, message and stack on their prototype: read those by name too.
  const keys = new Set([
    ...Object.keys(source),
    ...["type", "message", "stack", "code", "cause"].filter((k) => source[k] !== undefined),
  ]);
  for (const key of keys) out[key] = scrubSecrets(source[key], secrets, depth + 1);
  return out as T;
}

/**
 * A pino logger writing JSON to stderr (stdout is kept for the console chat and --json output). Every line is
 * scrubbed of the configured secrets by value as it is written — whatever field, message, error, stack or child
 * binding carries them, and whatever text surrounds them (a server that repeats the key in its 401, say).
 */
export function createLogger(options: { level?: string | undefined; secrets?: readonly string[] } = {}): Logger {
  const secrets = options.secrets ?? [];
  const destination = pino.destination({ fd: 2, sync: true });
  const stream = { write: (line: string) => destination.write(scrubText(line, secrets)) };
  return pino(
    {
      level: options.level ?? "info",
      base: undefined,
      serializers: { err: (error: Error) => stdSerializers.err(error) },
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
        censor: REDACTED,
      },
    },
    stream,
  );
}
