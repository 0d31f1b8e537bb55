import { Composer, InlineKeyboard } from "grammy";
import { formatDmy } from "../../dates.ts";
import { milestoneName } from "../../reports/campaign.ts";
import { requireBoard, requireMember, type AccessDeps } from "../access.ts";
import type { BotContext } from "../context.ts";
import { replyText } from "../reply.ts";

/** /deadlines for members; /broadcast for the Board; blocking and unblocking the bot (my_chat_member). */
export function remindersFeature(deps: AccessDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const { services } = deps;

  composer.command("deadlines", async (ctx) => {
    const member = await requireMember(ctx, deps);
    const status = await services.reports.status(member.unitCode);
    const coming = status.items.filter((i) => !i.done && i.deadline && (i.daysLeft ?? -1) >= 0);
    if (coming.length === 0) {
      await replyText(ctx, ctx.t("deadlines-none"));
      return;
    }
    const lines = [ctx.t("deadlines-title", { unit: status.unit.name, code: status.unit.code })];
    for (const item of coming.sort((a, b) => a.daysLeft! - b.daysLeft!)) {
      const when = item.daysLeft === 0 ? ctx.t("deadlines-today") : ctx.t("status-days-left", { days: item.daysLeft! });
      lines.push(
        `• ${ctx.t("deadlines-line", { milestone: milestoneName(item.milestone, ctx.lang), date: formatDmy(item.deadline!), when })}`,
      );
    }
    await replyText(ctx, lines.join("\n"));
  });

  composer.command("broadcast", async (ctx) => {
    const board = await requireBoard(ctx, deps);
    const { token, recipients } = await services.broadcasts.draft({ text: ctx.match, by: board.telegramId });
    await replyText(
      ctx,
      ctx.t("broadcast-preview", { count: recipients, text: ctx.match.trim() }),
      new InlineKeyboard()
        .text(ctx.t("broadcast-send"), `bc:ok:${token}`)
        .text(ctx.t("report-cancel"), `bc:x:${token}`),
    );
  });

  composer.callbackQuery(/^bc:(ok|x):([A-Za-z0-9_-]{16})$/, async (ctx) => {
    const board = await requireBoard(ctx, deps);
    const [, action, token] = ctx.match;
    if (action === "x") {
      await services.broadcasts.cancel({ token: token!, by: board.telegramId });
      await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
      await ctx.answerCallbackQuery();
      await replyText(ctx, ctx.t("broadcast-cancelled"));
      return;
    }
    const count = await services.broadcasts.confirm({ token: token!, by: board.telegramId });
    // The preview is answered once: its buttons go.
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    await ctx.answerCallbackQuery();
    await replyText(ctx, ctx.t("broadcast-queued", { count }));
  });

  // A private chat's member status: "kicked" means the person blocked the bot; "member" that they are back.
  composer.on("my_chat_member", async (ctx) => {
    const update = ctx.myChatMember;
    if (update.chat.type !== "private") return;
    const status = update.new_chat_member.status;
    if (status === "kicked" || status === "member") {
      await services.people.setReachable(update.from.id, status === "member");
      ctx.log.info({ telegram_id: update.from.id, status }, "reachability changed");
    }
  });

  return composer;
}
