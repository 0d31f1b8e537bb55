import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { INIT_DATA_MAX_AGE_SECONDS, validateInitData } from "../../src/http/telegram-auth.ts";

const TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz";
const NOW_MS = Date.parse("2025-07-01T03:00:00Z");
const user = JSON.stringify({ id: 1001, first_name: "Hà", language_code: "pl" });

/** initData written out by hand, step by step as core.telegram.org/bots/webapps describes (not with our helper). */
function telegramSigned(fields: Record<string, string>, secretKey: Buffer) {
  const dataCheckString = Object.entries(fields)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
  const hash = createHmac("sha256", secretKey).update(dataCheckString).digest("hex");
  return [...Object.entries(fields), ["hash", hash]].map(([k, v]) => `${k}=${encodeURIComponent(v!)}`).join("&");
}
const documentedKey = createHmac("sha256", "WebAppData").update(TOKEN).digest();
const fields = (authDate: number) => ({
  query_id: "AAHdF6IQAAAAAN0XohDhrOrc",
  user,
  auth_date: String(authDate),
  signature: "c2lnbmF0dXJl",
});

describe("a Mini App's initData", () => {
  const fresh = Math.floor(NOW_MS / 1000) - 60;

  it("is accepted when signed as Telegram documents, and gives the signed user", () => {
    expect(validateInitData(telegramSigned(fields(fresh), documentedKey), TOKEN, NOW_MS)).toEqual({
      ok: true,
      telegramId: 1001,
      languageCode: "pl",
    });
  });

  it("is refused when signed with the key and message swapped, another token, or changed after signing", () => {
    const swapped = createHmac("sha256", TOKEN).update("WebAppData").digest();
    expect(validateInitData(telegramSigned(fields(fresh), swapped), TOKEN, NOW_MS)).toEqual({
      ok: false,
      reason: "bad-hash",
    });
    const other = createHmac("sha256", "WebAppData").update("654321:OTHER-token-abcdefghijklmnopqrstu").digest();
    expect(validateInitData(telegramSigned(fields(fresh), other), TOKEN, NOW_MS).ok).toBe(false);
    const changed = telegramSigned(fields(fresh), documentedKey).replace("1001", "1002");
    expect(validateInitData(changed, TOKEN, NOW_MS)).toEqual({ ok: false, reason: "bad-hash" });
  });

  it("is refused when stale, from the future, or without a hash or user", () => {
    const old = Math.floor(NOW_MS / 1000) - INIT_DATA_MAX_AGE_SECONDS - 1;
    expect(validateInitData(telegramSigned(fields(old), documentedKey), TOKEN, NOW_MS)).toEqual({
      ok: false,
      reason: "stale",
    });
    const ahead = Math.floor(NOW_MS / 1000) + 3600;
    expect(validateInitData(telegramSigned(fields(ahead), documentedKey), TOKEN, NOW_MS).ok).toBe(false);
    expect(validateInitData(`user=${encodeURIComponent(user)}&auth_date=${fresh}`, TOKEN, NOW_MS).ok).toBe(false);
    const noUser = telegramSigned({ auth_date: String(fresh) }, documentedKey);
    expect(validateInitData(noUser, TOKEN, NOW_MS)).toEqual({ ok: false, reason: "malformed" });
  });
});
