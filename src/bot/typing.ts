import type { Logger } from "../logger.ts";
import type { BotContext } from "./context.ts";

const TYPING_REPEAT_MS = 4500; // Telegram shows "typing…" for about 5 s per chat action.

/** Shows "typing…" while `work` runs. A failing chat action is logged, never fatal. */
export async function withTyping<T>(ctx: BotContext, work: () => Promise<T>, log: Logger = ctx.log): Promise<T> {
  const send = () =>
    ctx.replyWithChatAction("typing").catch((error: unknown) => log.warn({ err: error }, "sendChatAction failed"));
  void send();
  const timer = setInterval(() => void send(), TYPING_REPEAT_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
