import { Composer, InlineKeyboard, InputFile } from "grammy";
import { z } from "zod";
import { formatDmy, dateInZone, localTime } from "../../dates.ts";
import { invitesWorkbook } from "../../reports/xlsx.ts";
import { UserError } from "../../errors.ts";
import type { Role } from "../../services/types.ts";
import { displayName } from "../../text.ts";
import { personOf, requireBoard, type AccessDeps } from "../access.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml } from "../html.ts";
import { syncMenu } from "../menus.ts";
import { replyText } from "../reply.ts";

export type MembershipDeps = AccessDeps & { timeZone: string; botUsername: () => string };

const inviteArgs = z.tuple([z.string().regex(/^[A-Za-z0-9_-]{2,32}$/), z.enum(["secretary", "deputy"]).optional()]);
const telegramIdArg = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number);

/** Invites, joining with a code (/start CODE, deep links), /whoami, and the Board's /invite, /remove, /grant, /members. */
export function membershipFeature(deps: MembershipDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const { services } = deps;
  const reply = (ctx: BotContext, text: string) => replyText(ctx, text);
  /** The person's command menu follows their role (a failure only logged: the menu is a convenience). */
  const refreshMenu = (ctx: BotContext, telegramId: number) =>
    syncMenu(ctx.api, services, ctx.tr, telegramId, deps.dashboardUrl).catch((error: unknown) =>
      ctx.log.warn({ err: error }, "could not update a command menu"),
    );

  // "/start CODE", also what Telegram sends for t.me/<bot>?start=CODE. A bare /start goes on to the greeting.
  composer.command("start", async (ctx, next) => {
    const code = ctx.match.trim();
    if (!code) return next();
    if (ctx.chat.type !== "private") throw new UserError("access-private-only");
    const { unit, role } = await services.members.redeem({
      code,
      telegramId: ctx.from!.id,
      name: ctx.from!.first_name,
    });
    ctx.log.info({ unit: unit.code, role }, "member joined");
    await reply(ctx, ctx.t("invite-joined", { unit: unit.name, code: unit.code, role: ctx.t(`role-${role}`) }));
    await refreshMenu(ctx, ctx.from!.id);
  });

  composer.command("whoami", async (ctx) => {
    const person = await personOf(ctx, deps);
    const lines: string[] = [ctx.t("whoami-id", { id: String(person.telegramId) })];
    if (person.board) lines.push(ctx.t("whoami-board"));
    if (person.membership) {
      const unit = await services.units.get(person.membership.unitCode);
      lines.push(
        ctx.t("whoami-member", {
          unit: unit?.name ?? "",
          code: person.membership.unitCode,
          role: ctx.t(`role-${person.membership.role}`),
        }),
      );
    }
    if (!person.board && !person.membership) lines.push(ctx.t("whoami-nobody"));
    await reply(ctx, lines.join("\n"));
  });

  composer.command("invite", async (ctx) => {
    const board = await requireBoard(ctx, deps);
    const words = ctx.match.trim().split(/\s+/).filter(Boolean);
    if (words[0]?.toLowerCase() === "all") {
      // One code and link for every unit without a registered secretary (or deputy): a sheet to hand out.
      const role = z.enum(["secretary", "deputy"]).safeParse(words[1] ?? "secretary");
      if (!role.success) throw new UserError("invite-usage");
      const made = await services.members.inviteAll({ role: role.data, by: board.telegramId });
      if (made.length === 0) {
        await reply(ctx, ctx.t("invite-all-none", { role: ctx.t(`role-${role.data}`) }));
        return;
      }
      const rows = made.map((m) => ({
        unit: m.unit,
        role: m.role,
        code: m.code,
        link: `https://t.me/${deps.botUsername()}?start=${m.code}`,
        expiresAt: m.expiresAt,
      }));
      const xlsx = await invitesWorkbook(rows, ctx.lang, ctx.tr, deps.timeZone);
      await ctx.replyWithDocument(new InputFile(xlsx, `daihoi-invites-${role.data}.xlsx`), {
        caption: ctx.t("invite-all-caption", { count: made.length, role: ctx.t(`role-${role.data}`) }),
      });
      return;
    }
    const parsed = inviteArgs.safeParse(words);
    if (!parsed.success) throw new UserError("invite-usage");
    const [code, role = "secretary"] = parsed.data;
    const invite = await services.members.invite({ unitCode: code, role: role as Role, by: board.telegramId });
    const link = `https://t.me/${deps.botUsername()}?start=${invite.code}`;
    await reply(
      ctx,
      ctx.t("invite-created", {
        unit: invite.unit.name,
        code: invite.unit.code,
        role: ctx.t(`role-${role}`),
        invite: invite.code,
        link,
        expires: formatDmy(dateInZone(invite.expiresAt, deps.timeZone)),
      }),
    );
  });

  composer.command("remove", async (ctx) => {
    const board = await requireBoard(ctx, deps);
    const id = telegramIdArg.safeParse(ctx.match.trim());
    if (!id.success) throw new UserError("remove-usage");
    const unit = await services.members.remove({ telegramId: id.data, by: board.telegramId });
    await reply(ctx, ctx.t("remove-done", { id: String(id.data), code: unit }));
    await refreshMenu(ctx, id.data);
  });

  // /grant ID: shows who the person is and asks; the button grants (checked again on the server).
  composer.command("grant", async (ctx) => {
    await requireBoard(ctx, deps);
    const id = telegramIdArg.safeParse(ctx.match.trim());
    if (!id.success) throw new UserError("grant-usage");
    const candidate = await services.members.candidate(id.data);
    if (candidate.board) {
      await reply(ctx, ctx.t("grant-already", { id: String(id.data), name: displayName(candidate.name) }));
      return;
    }
    await replyText(
      ctx,
      ctx.t("grant-confirm", { id: String(id.data), name: displayName(candidate.name) }),
      new InlineKeyboard().text(ctx.t("grant-yes"), `gr:ok:${id.data}`).text(ctx.t("report-cancel"), "gr:x"),
    );
  });

  composer.callbackQuery(/^gr:(ok:(\d{1,15})|x)$/, async (ctx) => {
    const board = await requireBoard(ctx, deps);
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    await ctx.answerCallbackQuery();
    if (!ctx.match[2]) {
      await reply(ctx, ctx.t("grant-cancelled"));
      return;
    }
    const id = Number(ctx.match[2]);
    const person = await services.members.grantBoard({ telegramId: id, by: board.telegramId });
    await reply(ctx, ctx.t("grant-done", { id: String(id), name: displayName(person.name) }));
    await refreshMenu(ctx, id);
  });

  composer.command("revoke", async (ctx) => {
    const board = await requireBoard(ctx, deps);
    const id = telegramIdArg.safeParse(ctx.match.trim());
    if (!id.success) throw new UserError("revoke-usage");
    await services.members.revokeBoard({ telegramId: id.data, by: board.telegramId });
    await reply(ctx, ctx.t("revoke-done", { id: String(id.data) }));
    await refreshMenu(ctx, id.data);
  });

  // /invites [CODE]: the open codes, per unit, each with a button that revokes it.
  composer.command("invites", async (ctx) => {
    await requireBoard(ctx, deps);
    await showInvites(ctx, ctx.match.trim() || undefined, 1);
  });

  async function showInvites(ctx: BotContext, unit: string | undefined, page: number) {
    const all = await services.members.openInvites(unit);
    const pages = Math.max(1, Math.ceil(all.length / 10));
    const p = Math.min(Math.max(1, page), pages);
    const shown = all.slice((p - 1) * 10, p * 10);
    const lines = [ctx.t("invites-title", { count: all.length, page: p, pages })];
    for (const i of shown)
      lines.push(
        `• ${i.unitCode} · ${ctx.t(`role-${i.role}`)} · ${ctx.t("invites-until", { date: formatDmy(dateInZone(i.expiresAt, deps.timeZone)) })}`,
      );
    if (all.length === 0) lines.push(ctx.t("invites-none"));
    const keyboard = new InlineKeyboard();
    for (const i of shown) keyboard.text(`✖ ${i.unitCode} (${ctx.t(`role-${i.role}`)})`, `iv:x:${i.id}`).row();
    if (p > 1) keyboard.text("◀", `iv:p:${p - 1}`);
    if (p < pages) keyboard.text("▶", `iv:p:${p + 1}`);
    const text = lines.join("\n");
    if (ctx.callbackQuery?.message)
      await ctx
        .editMessageText(escapeHtml(text), { parse_mode: "HTML", reply_markup: keyboard })
        .catch(() => undefined);
    else await replyText(ctx, text, keyboard);
  }

  composer.callbackQuery(/^iv:(x|p):(\d{1,18})$/, async (ctx) => {
    const board = await requireBoard(ctx, deps);
    if (ctx.match[1] === "p") {
      await ctx.answerCallbackQuery();
      await showInvites(ctx, undefined, Number(ctx.match[2]));
      return;
    }
    const revoked = await services.members.revokeInvite({ id: ctx.match[2]!, by: board.telegramId });
    await ctx.answerCallbackQuery({ text: ctx.t("invite-revoked-done", { code: revoked.unitCode }) });
    await showInvites(ctx, undefined, 1);
  });

  // /audit: who did what, newest first, a page at a time (edited in place).
  composer.command("audit", async (ctx) => {
    await requireBoard(ctx, deps);
    await showAudit(ctx, 1);
  });
  composer.callbackQuery(/^au:(\d{1,5})$/, async (ctx) => {
    await requireBoard(ctx, deps);
    await ctx.answerCallbackQuery();
    await showAudit(ctx, Number(ctx.match[1]));
  });

  async function showAudit(ctx: BotContext, page: number) {
    const { events, total } = await services.members.audit({ offset: (page - 1) * 10, limit: 10 });
    const pages = Math.max(1, Math.ceil(total / 10));
    const lines = [ctx.t("audit-title", { page, pages })];
    for (const e of events) {
      const at = `${formatDmy(dateInZone(e.at, deps.timeZone))} ${String(Math.floor(localTime(e.at, deps.timeZone).minutes / 60)).padStart(2, "0")}:${String(localTime(e.at, deps.timeZone).minutes % 60).padStart(2, "0")}`;
      lines.push(`• ${at} · ${e.actor ?? "CLI"} · ${ctx.t(`audit-${e.action.replace(".", "-")}`)} · ${e.subject}`);
    }
    if (events.length === 0) lines.push(ctx.t("audit-none"));
    const keyboard = new InlineKeyboard();
    if (page > 1) keyboard.text("◀", `au:${page - 1}`);
    if (page < pages) keyboard.text("▶", `au:${page + 1}`);
    const text = lines.join("\n");
    if (ctx.callbackQuery?.message)
      await ctx
        .editMessageText(escapeHtml(text), { parse_mode: "HTML", reply_markup: keyboard })
        .catch(() => undefined);
    else await replyText(ctx, text, keyboard);
  }

  composer.command("members", async (ctx) => {
    await requireBoard(ctx, deps);
    const code = ctx.match.trim() || undefined;
    const members = await services.members.list(code);
    if (members.length === 0) {
      await reply(ctx, ctx.t("members-none"));
      return;
    }
    const lines = members.map(
      (m) =>
        `${m.unitCode} · ${ctx.t(`role-${m.role}`)} · ${displayName(m.name)} (${m.telegramId}) · ${formatDmy(dateInZone(m.joinedAt, deps.timeZone))}`,
    );
    await replyText(ctx, `${ctx.t("members-title")}\n${lines.join("\n")}`);
  });

  return composer;
}
