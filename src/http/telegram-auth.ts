import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** How old a Mini App's initData may be (its auth_date); older ones are refused as stale. */
export const INIT_DATA_MAX_AGE_SECONDS = 3600;

const userSchema = z.object({ id: z.number().int().positive(), language_code: z.string().optional() });

export type InitDataResult =
  | { ok: true; telegramId: number; languageCode: string | undefined }
  | { ok: false; reason: "malformed" | "bad-hash" | "stale" };

/**
 * Checks a Telegram Mini App's initData as Telegram documents it (core.telegram.org/bots/webapps, "Validating data
 * received via the Mini App"): data_check_string = every field but `hash`, sorted by key, "key=value" joined by
 * "\n"; secret_key = HMAC-SHA256(key "WebAppData", bot token); the hash must be hex(HMAC-SHA256(secret_key,
 * data_check_string)). The person is read from the signed `user` field only.
 */
export function validateInitData(
  initData: string,
  botToken: string,
  nowMs: number,
  maxAgeSeconds = INIT_DATA_MAX_AGE_SECONDS,
): InitDataResult {
  if (initData.length > 8192) return { ok: false, reason: "malformed" };
  const params = new URLSearchParams(initData);
  const hash = params.get("hash");
  if (!hash || !/^[0-9a-f]{64}$/.test(hash)) return { ok: false, reason: "malformed" };
  const fields = [...params.entries()].filter(([key]) => key !== "hash");
  fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const dataCheckString = fields.map(([key, value]) => `${key}=${value}`).join("\n");
  const secretKey = createHmac("sha256", "WebAppData").update(botToken).digest();
  const expected = createHmac("sha256", secretKey).update(dataCheckString).digest();
  if (!timingSafeEqual(expected, Buffer.from(hash, "hex"))) return { ok: false, reason: "bad-hash" };
  const authDate = Number(params.get("auth_date"));
  if (!Number.isInteger(authDate) || authDate <= 0) return { ok: false, reason: "malformed" };
  const ageSeconds = nowMs / 1000 - authDate;
  // A little clock skew into the future is tolerated; more is as suspicious as too old.
  if (ageSeconds > maxAgeSeconds || ageSeconds < -300) return { ok: false, reason: "stale" };
  let user: z.infer<typeof userSchema>;
  try {
    user = userSchema.parse(JSON.parse(params.get("user") ?? "null"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  return { ok: true, telegramId: user.id, languageCode: user.language_code };
}

/** Signs initData as Telegram would (tests and the benchmark play the Telegram client with it). */
export function signInitData(fields: Record<string, string>, botToken: string): string {
  const dataCheckString = Object.keys(fields)
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join("\n");
  const secretKey = createHmac("sha256", "WebAppData").update(botToken).digest();
  const hash = createHmac("sha256", secretKey).update(dataCheckString).digest("hex");
  return new URLSearchParams({ ...fields, hash }).toString();
}
