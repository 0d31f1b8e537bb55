import { GrammyError, HttpError } from "grammy";
import type { SendOutcome } from "../../outbox/messages.ts";

/**
 * The one place that decides what a failed Bot API send means. Telegram has no idempotency key
 * (tdlib/telegram-bot-api#482), so a send is repeated only when Telegram surely did not take it:
 * - 429: not taken; wait out retry_after (the whole bot pauses), then try again;
 * - an error answer (4xx/5xx JSON from the Bot API): not taken; 5xx is retried later, 4xx is final;
 * - 403 / "chat not found" / deactivated: nobody to send to until they come back;
 * - the connection was never made (refused, DNS): not taken; retried later;
 * - a timeout or a connection dropped after the request went out: Telegram may have delivered it —
 *   "unknown", never sent again, shown to the Board.
 */
export type SendErrorClass =
  | { kind: "rate-limited"; retryAfterMs: number; description: string }
  | { kind: "blocked"; description: string }
  | { kind: "retryable"; description: string }
  | { kind: "fatal"; description: string }
  | { kind: "ambiguous"; description: string };

// Errors raised before a single byte of the request left: the request surely did not reach Telegram.
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

export function classifySendError(error: unknown): SendErrorClass {
  if (error instanceof GrammyError) {
    const description = error.description;
    if (error.error_code === 429) {
      return { kind: "rate-limited", retryAfterMs: (error.parameters.retry_after ?? 1) * 1000, description };
    }
    if (error.error_code === 403 || /chat not found|user is deactivated|bot was blocked/i.test(description)) {
      return { kind: "blocked", description };
    }
    if (error.error_code >= 500) return { kind: "retryable", description };
    return { kind: "fatal", description };
  }
  if (error instanceof HttpError) {
    const code = networkCode(error.error);
    if (code && NOT_SENT_CODES.has(code)) return { kind: "retryable", description: code };
    return {
      kind: "ambiguous",
      description: code ?? (error.error instanceof Error ? error.error.message : error.message),
    };
  }
  return { kind: "ambiguous", description: error instanceof Error ? error.message : String(error) };
}

function networkCode(error: unknown): string | undefined {
  let current = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.code === "string") return current.code;
    current = current.cause as typeof current;
  }
  return undefined;
}

export type RetryPolicy = { maxAttempts: number; retryDelaysMs: number[] };

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, retryDelaysMs: [60_000, 5 * 60_000, 15 * 60_000] };

/** What to record for a delivery whose send failed, after `attempts` attempts (the failed one included). */
export function outcomeOf(error: unknown, attempts: number, now: Date, policy = DEFAULT_RETRY_POLICY): SendOutcome {
  const c = classifySendError(error);
  switch (c.kind) {
    case "rate-limited":
      return { type: "rate-limited", until: new Date(now.getTime() + c.retryAfterMs), error: c.description };
    case "blocked":
      return { type: "blocked", error: c.description };
    case "ambiguous":
      return { type: "unknown", error: c.description };
    case "fatal":
      return { type: "failed", error: c.description, attempts };
    case "retryable": {
      if (attempts >= policy.maxAttempts) return { type: "failed", error: c.description, attempts };
      const delay = policy.retryDelaysMs[Math.min(attempts - 1, policy.retryDelaysMs.length - 1)]!;
      return { type: "retry", at: new Date(now.getTime() + delay), error: c.description };
    }
  }
}
