import { Api, GrammyError, HttpError } from "grammy";
import { SendError, type Notifier } from "../reminders/notifier.ts";

/**
 * The Notifier port over the Bot API, for messages the bot sends on its own. It has no auto-retry of its own:
 * the throttle in front of it pauses the whole bot on a 429, and the scheduler retries 5xx and network errors.
 */
export function createTelegramNotifier(token: string, apiRoot: string): Notifier {
  const api = new Api(token, { apiRoot, timeoutSeconds: 30 });
  return {
    async send(chatId, html) {
      try {
        const message = await api.sendMessage(chatId, html, {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
        });
        return { messageId: message.message_id };
      } catch (error) {
        throw toSendError(error);
      }
    },
  };
}

export function toSendError(error: unknown): SendError {
  if (error instanceof GrammyError) {
    if (error.error_code === 429)
      return new SendError("rate-limited", error.description, error.parameters.retry_after ?? 1);
    // Blocked, deactivated, or never started the bot: nobody to send to until they come back.
    if (error.error_code === 403 || /chat not found|user is deactivated/i.test(error.description)) {
      return new SendError("blocked", error.description);
    }
    if (error.error_code >= 500) return new SendError("retry", error.description);
    return new SendError("fatal", error.description);
  }
  if (error instanceof HttpError) return new SendError("retry", error.message);
  return new SendError("retry", error instanceof Error ? error.message : String(error));
}
