import { createInterface } from "node:readline";
import type { Bot } from "grammy";
import type { Message, Update, UserFromGetMe } from "grammy/types";
import type { BotContext } from "../bot/context.ts";
import { htmlToPlainText } from "../bot/html.ts";

export type ConsoleIO = {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Show a prompt and a greeting (an interactive terminal); off for piped input. */
  interactive: boolean;
  /** The local user's language, as Telegram would send it in language_code. */
  languageCode?: string | undefined;
  /** Ctrl+C / SIGTERM: stop reading and return. */
  signal?: AbortSignal;
};

export const CONSOLE_BOT_INFO = {
  id: 1,
  is_bot: true,
  first_name: "Trợ lý Đại hội",
  username: "daihoi_local_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
} as UserFromGetMe;

const LOCAL_USER_ID = 1_000_000_001;

/**
 * The terminal chat: each input line becomes a Telegram message from a local user and goes through the very
 * same bot middleware; every Bot API call is answered here instead of by Telegram, and messages the bot sends
 * are printed as plain text. Ends at the end of input.
 */
export async function runConsoleChat(bot: Bot<BotContext>, io: ConsoleIO): Promise<void> {
  const print = (text: string) => io.output.write(`${text}\n`);
  let messageId = 0;
  const chat = { id: LOCAL_USER_ID, type: "private" as const, first_name: "Local" };
  const from = { id: LOCAL_USER_ID, is_bot: false as const, first_name: "Local", language_code: io.languageCode };

  bot.api.config.use(async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    if (method === "sendMessage" || method === "editMessageText") {
      print(`\n${htmlToPlainText(String(p.text ?? ""))}\n`);
      const result: Message.TextMessage = { message_id: ++messageId, date: now(), chat, text: String(p.text ?? "") };
      return { ok: true, result } as never;
    }
    if (method === "sendDocument") {
      print("\n[document]\n");
      return { ok: true, result: { message_id: ++messageId, date: now(), chat } } as never;
    }
    // sendChatAction, answerCallbackQuery, setMyCommands…: nothing to show in a terminal.
    return { ok: true, result: true } as never;
  });

  // A fresh id range per run: processed update ids are kept in the database across runs.
  let updateId = Date.now() * 1000;
  const rl = createInterface({ input: io.input, terminal: false });
  io.signal?.addEventListener("abort", () => rl.close(), { once: true });
  const prompt = () => io.interactive && io.output.write("> ");
  if (io.interactive) print("Trợ lý Đại hội — local chat. Type a question (Ctrl+D to quit).");
  prompt();
  for await (const raw of rl) {
    const text = raw.trim();
    if (!text) {
      prompt();
      continue;
    }
    const command = /^\/\w+/.exec(text)?.[0];
    const update: Update = {
      update_id: ++updateId,
      message: {
        message_id: ++messageId,
        date: now(),
        chat,
        from,
        text,
        ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
      },
    };
    await bot.handleUpdate(update);
    prompt();
  }
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}
