import { describe, expect, it } from "vitest";
import { ConfigError, createConfig } from "../../src/config.ts";

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    createConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("createConfig accepted a bad environment");
}

describe("createConfig", () => {
  it("fills in defaults for an empty environment", () => {
    const config = createConfig({});
    expect(config.telegram).toEqual({
      token: undefined,
      apiRoot: "https://api.telegram.org",
      timeoutSeconds: 30,
      botUsername: undefined,
    });
    expect(config.database).toEqual({ url: undefined, dataDir: "./data" });
    expect(config.openai.chatModel).toBe("gpt-4o-mini");
    expect(config.openai.embeddingModel).toBe("text-embedding-3-small");
    expect(config.openai.apiKey).toBeUndefined();
    expect(config.openai.baseURL).toBeUndefined();
    expect(config.adminTelegramIds).toEqual([]);
    expect(config.logLevel).toBeUndefined();
  });

  it("treats empty and blank values (as left in a .env template) like unset ones", () => {
    const config = createConfig({
      TELEGRAM_BOT_TOKEN: "",
      TELEGRAM_API_ROOT: "  ",
      DATA_DIR: "",
      OPENAI_BASE_URL: "",
      OPENAI_CHAT_MODEL: "",
      ADMIN_TELEGRAM_IDS: "",
      LOG_LEVEL: "",
    });
    expect(config.telegram.apiRoot).toBe("https://api.telegram.org");
    expect(config.telegram.token).toBeUndefined();
    expect(config.database.dataDir).toBe("./data");
    expect(config.openai.chatModel).toBe("gpt-4o-mini");
    expect(config.adminTelegramIds).toEqual([]);
  });

  it('parses ADMIN_TELEGRAM_IDS "1, 2,3" into numbers', () => {
    expect(createConfig({ ADMIN_TELEGRAM_IDS: "1, 2,3" }).adminTelegramIds).toEqual([1, 2, 3]);
  });

  it("accepts valid values and drops a trailing slash from the API root", () => {
    const config = createConfig({
      TELEGRAM_BOT_TOKEN: "123456:ABCdefGHIjklMNOpqrSTUvwx_yz-0",
      TELEGRAM_API_ROOT: "http://localhost:8081/",
      OPENAI_BASE_URL: "http://localhost:11434/v1",
      OPENAI_CHAT_MODEL: "qwen2.5",
      LOG_LEVEL: "debug",
    });
    expect(config.telegram.token).toBe("123456:ABCdefGHIjklMNOpqrSTUvwx_yz-0");
    expect(config.telegram.apiRoot).toBe("http://localhost:8081");
    expect(config.openai.baseURL).toBe("http://localhost:11434/v1");
    expect(config.openai.chatModel).toBe("qwen2.5");
    expect(config.logLevel).toBe("debug");
  });

  it("reports every bad variable at once, one line each, naming the variable", () => {
    const error = configError({
      TELEGRAM_BOT_TOKEN: "not-a-token",
      OPENAI_BASE_URL: "localhost without scheme",
      ADMIN_TELEGRAM_IDS: "12,abc",
      LOG_LEVEL: "loud",
      OPENAI_API_KEY: "sk-proj-Zq8vT3xW9kLmN2pR5sY7uB4cD6fG1hJ0",
    });
    const bad = ["TELEGRAM_BOT_TOKEN", "OPENAI_BASE_URL", "ADMIN_TELEGRAM_IDS", "LOG_LEVEL"];
    expect(error.problems).toHaveLength(bad.length);
    for (const name of bad) {
      expect(error.problems.filter((p) => p.startsWith(`${name}:`))).toHaveLength(1);
      expect(error.message).toContain(name);
    }
    expect(error.problems.find((p) => p.startsWith("ADMIN_TELEGRAM_IDS"))).toContain("abc");
    // A valid secret is not reported.
    expect(error.problems.some((p) => p.includes("OPENAI_API_KEY"))).toBe(false);
  });

  it("never prints secret values, even the bad one", () => {
    const badToken = "98765:tooShortSecret";
    const apiKey = "sk-proj-Zq8vT3xW9kLmN2pR5sY7uB4cD6fG1hJ0";
    const dbUrl = "mysql://admin:hunter2-secret@db.internal/daihoi";
    const error = configError({
      TELEGRAM_BOT_TOKEN: badToken,
      OPENAI_API_KEY: apiKey,
      DATABASE_URL: dbUrl,
      LOG_LEVEL: "loud",
    });
    const everything = `${error.message}\n${error.problems.join("\n")}\n${error.stack ?? ""}\n${JSON.stringify(error)}`;
    for (const secret of [badToken, "tooShortSecret", apiKey, dbUrl, "hunter2-secret"]) {
      expect(everything).not.toContain(secret);
    }
    expect(error.problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "DATABASE_URL",
      "LOG_LEVEL",
      "TELEGRAM_BOT_TOKEN",
    ]);
  });

  it("rejects out-of-range numbers with the variable's name", () => {
    const error = configError({ OPENAI_TIMEOUT_MS: "10", QUESTIONS_PER_MINUTE: "lots" });
    expect(error.problems.map((p) => p.split(":")[0]).sort()).toEqual(["OPENAI_TIMEOUT_MS", "QUESTIONS_PER_MINUTE"]);
  });
});
