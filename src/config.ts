import { z } from "zod";

const LANGS = ["vi", "pl", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const SUPPORTED_LANGS: readonly Lang[] = LANGS;

/** Telegram's language_code ("pl", "en-GB", "vi") → one of ours; anything else → Vietnamese. */
export function langFromTelegram(code: string | null | undefined): Lang {
  const base = (code ?? "").slice(0, 2).toLowerCase();
  return (SUPPORTED_LANGS as readonly string[]).includes(base) ? (base as Lang) : "vi";
}

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const optionalUrl = z.preprocess(
  emptyToUndefined,
  z.string().trim().url("must be a URL such as https://example.org").optional(),
);

const schema = z.object({
  TELEGRAM_BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, "must look like 123456:ABC… (the token @BotFather gave you)")
      .optional(),
  ),
  TELEGRAM_API_ROOT: z.preprocess(
    emptyToUndefined,
    z.string().trim().url("must be a URL such as https://api.telegram.org").default("https://api.telegram.org"),
  ),
  TELEGRAM_BOT_USERNAME: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .transform((v) => v.replace(/^@/, ""))
      .pipe(z.string().regex(/^[A-Za-z0-9_]{5,32}$/, "must be the bot's @username, e.g. daihoi_thanhhoa_bot"))
      .optional(),
  ),
  TELEGRAM_TIMEOUT_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int("must be a whole number of seconds").min(2).max(300).default(30),
  ),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./data")),
  CORPUS_DIR: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_CHAT_MODEL: z.preprocess(emptyToUndefined, z.string().default("gpt-4o-mini")),
  OPENAI_EMBEDDING_MODEL: z.preprocess(emptyToUndefined, z.string().default("text-embedding-3-small")),
  OPENAI_TIMEOUT_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int("must be a whole number of milliseconds").min(1000).max(120000).default(20000),
  ),
  ADMIN_TELEGRAM_IDS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default("")
      .transform((value, ctx) => {
        const ids: number[] = [];
        for (const part of value.split(/[,\s]+/).filter(Boolean)) {
          if (!/^\d{1,15}$/.test(part)) {
            ctx.addIssue({ code: "custom", message: `"${part}" is not a Telegram user id (digits only)` });
            return z.NEVER;
          }
          ids.push(Number(part));
        }
        return ids;
      }),
  ),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  ),
  QUESTION_MAX_CHARS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(50).max(4000).default(1000)),
  QUESTIONS_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(600).default(6)),
  // The HTTP server (the Board's dashboard, /healthz): off unless HTTP_PORT is set.
  HTTP_PORT: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int("must be a port number").min(1).max(65535).optional(),
  ),
  HTTP_HOST: z.preprocess(emptyToUndefined, z.string().trim().default("127.0.0.1")),
  PUBLIC_URL: optionalUrl,
});

export type Config = {
  /** botUsername: for the invite links the command line writes when the bot is not running (else asked of it). */
  telegram: { token: string | undefined; apiRoot: string; timeoutSeconds: number; botUsername: string | undefined };
  database: { url: string | undefined; dataDir: string };
  /** The folder indexed at start-up; undefined: the project's corpus/. */
  corpusDir: string | undefined;
  openai: {
    apiKey: string | undefined;
    baseURL: string | undefined;
    chatModel: string;
    embeddingModel: string;
    timeoutMs: number;
  };
  adminTelegramIds: number[];
  logLevel: string | undefined;
  questions: { maxChars: number; perMinute: number };
  /** The HTTP server: port undefined = off. publicUrl: where people reach it (the links the bot hands out). */
  http: { port: number | undefined; host: string; publicUrl: string | undefined };
};

/** Secrets: never printed, not even in an error about their own value. */
export const SECRET_KEYS = ["TELEGRAM_BOT_TOKEN", "OPENAI_API_KEY", "DATABASE_URL"] as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment once. Throws ConfigError listing every bad variable, one line each, never its value. */
export function createConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? "config");
      return `${key}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return {
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
      timeoutSeconds: e.TELEGRAM_TIMEOUT_SECONDS,
      botUsername: e.TELEGRAM_BOT_USERNAME,
    },
    database: { url: e.DATABASE_URL, dataDir: e.DATA_DIR },
    corpusDir: e.CORPUS_DIR,
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseURL: e.OPENAI_BASE_URL,
      chatModel: e.OPENAI_CHAT_MODEL,
      embeddingModel: e.OPENAI_EMBEDDING_MODEL,
      timeoutMs: e.OPENAI_TIMEOUT_MS,
    },
    adminTelegramIds: e.ADMIN_TELEGRAM_IDS,
    logLevel: e.LOG_LEVEL,
    questions: { maxChars: e.QUESTION_MAX_CHARS, perMinute: e.QUESTIONS_PER_MINUTE },
    http: { port: e.HTTP_PORT, host: e.HTTP_HOST, publicUrl: e.PUBLIC_URL?.replace(/\/+$/, "") },
  };
}

/** True when an OpenAI-compatible service is configured (a key, or a base URL of a local server). */
export function hasOpenAI(config: Config): boolean {
  return Boolean(config.openai.apiKey || config.openai.baseURL);
}
