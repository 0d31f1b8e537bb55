import { Composer, InlineKeyboard } from "grammy";
import { formatDmy } from "../../dates.ts";
import { UserError } from "../../errors.ts";
import { broadcastRecipients, cancelBroadcast, confirmBroadcast, createBroadcast } from "../../reminders/broadcast.ts";
import type { Scheduler } from "../../reminders/scheduler.ts";
import { milestoneName } from "../../reports/campaign.ts";
import type { ReportService } from "../../reports/report-service.ts";
import { requireBoard, requireMember, type AccessDeps } from "../access.ts";
import type { BotContext } from "../context.ts";
import { replyText } from "../reply.ts";

export type RemindersDeps = AccessDeps & { reports: ReportService; scheduler?: Scheduler; clock: () => Date };

/** /deadlines for members; /broadcast for the Board; blocking and unblocking the bot (my_chat_member). */
export function remindersFeature(deps: RemindersDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command("deadlines", async (ctx) => {
    const member = await requireMember(ctx, deps);
    const status = await deps.reports.status(member.unitCode);
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
    const text = ctx.match.trim();
    if (!text) throw new UserError("broadcast-usage");
    if (text.length > 3500) throw new UserError("broadcast-too-long", { max: 3500, length: text.length });
    const id = await createBroadcast(deps.pool, text, board.telegramId, deps.clock());
    const count = (await broadcastRecipients(deps.pool)).length;
    await replyText(
      ctx,
      ctx.t("broadcast-preview", { count, text }),
      new InlineKeyboard().text(ctx.t("broadcast-send"), `bc:ok:${id}`).text(ctx.t("report-cancel"), `bc:x:${id}`),
    );
  });

  composer.callbackQuery(/^bc:(ok|x):(\d{1,18})$/, async (ctx) => {
    await requireBoard(ctx, deps);
    const [, action, id] = ctx.match;
    // Either way the buttons go: a preview is answered once.
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    if (action === "x") {
      if (!(await cancelBroadcast(deps.pool, id!, deps.clock()))) throw new UserError("feedback-invalid");
      await ctx.answerCallbackQuery();
      await replyText(ctx, ctx.t("broadcast-cancelled"));
      return;
    }
    const count = await confirmBroadcast(deps.pool, id!, deps.clock());
    if (count === undefined) throw new UserError("feedback-invalid");
    await ctx.answerCallbackQuery();
    await replyText(ctx, ctx.t("broadcast-queued", { count }));
    // Sent by the scheduler's loop, throttled; the update is not kept waiting.
    deps.scheduler?.sendPending().catch((error: unknown) => ctx.log.error({ err: error }, "broadcast sending failed"));
  });

  // A private chat's member status: "kicked" means the person blocked the bot; "member" that they are back.
  composer.on("my_chat_member", async (ctx) => {
    const update = ctx.myChatMember;
    if (update.chat.type !== "private" || !deps.scheduler) return;
    const status = update.new_chat_member.status;
    if (status === "kicked" || status === "member") {
      await deps.scheduler.setReachable(update.from.id, status === "member");
      ctx.log.info({ telegram_id: update.from.id, status }, "reachability changed");
    }
  });

  return composer;
}
