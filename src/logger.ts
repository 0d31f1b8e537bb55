import { pino, type Logger } from "pino";

export type { Logger };

/** A pino logger writing JSON to stderr (stdout is kept for the console chat and --json output). */
export function createLogger(options: { level?: string | undefined } = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: undefined,
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
