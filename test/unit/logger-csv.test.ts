import { describe, expect, it } from "vitest";
import { scrubSecrets } from "../../src/logger.ts";
import { toCsv } from "../../src/units/csv.ts";

describe("logs", () => {
  it("never carry the bot token, not even inside an error's message or stack", () => {
    const error = {
      message: "request to http://127.0.0.1/bot123456:AAH-secret_token/sendMessage failed",
      stack: "at bot123456:AAH-secret_token",
      nested: ["Bearer sk-abc.def"],
    };
    const clean = JSON.stringify(scrubSecrets(error));
    expect(clean).not.toContain("AAH-secret_token");
    expect(clean).not.toContain("sk-abc.def");
    expect(clean).toContain("bot<redacted>/sendMessage");
  });
});

describe("CSV for Excel", () => {
  it("starts with a BOM, quotes what needs quoting, and turns formula-like cells into text", () => {
    const csv = toCsv([
      ["name", "note"],
      ['Đảng bộ "Đông Sơn", phường', '=HYPERLINK("http://x")'],
      ["@SUM(A1)", "-1+2"],
    ]);
    expect(csv).toBe(
      '\uFEFFname,note\r\n"Đảng bộ ""Đông Sơn"", phường","\'=HYPERLINK(""http://x"")"\r\n\'@SUM(A1),\'-1+2\r\n',
    );
  });
});
