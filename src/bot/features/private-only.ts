import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import { replyText } from "../reply.ts";

/**
 * Commands that show or change the data of a unit, a member or the campaign work only in a private chat with the
 * bot. In a group, where everyone reads along (and could, say, redeem an invite code posted there), the bot says
 * briefly to use a private chat and shows nothing. Questions to the documents are answered anywhere.
 */
export function privateOnlyFeature(commands: readonly string[]): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const elsewhere = composer.chatType(["group", "supergroup", "channel"]);
  elsewhere.command([...commands], async (ctx) => {
    await replyText(ctx, ctx.t("access-group"));
  });
  // "/start CODE" (an invite code) likewise; a bare /start just greets.
  elsewhere.command("start", async (ctx, next) => {
    if (!ctx.match.trim()) return next();
    await replyText(ctx, ctx.t("access-group"));
  });
  // Buttons of a private flow pressed in a group (forwarded, or a forged update): refused.
  elsewhere.on("callback_query:data", async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("access-group"), show_alert: true });
  });
  return composer;
}

/** Commands that show or change data (every Board command; a member's reports, status and deadlines). */
export const PRIVATE_COMMANDS = [
  "whoami",
  "invite",
  "remove",
  "grant",
  "revoke",
  "invites",
  "audit",
  "members",
  "progress",
  "overdue",
  "unit",
  "export",
  "broadcast",
  "report",
  "status",
  "deadlines",
  "dashboard",
  // the knowledge loop (issue 13)
  "questions",
  "answer",
  "publish",
  "unpublish",
  "amend",
  "supersede",
] as const;
