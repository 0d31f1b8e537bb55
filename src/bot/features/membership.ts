import { Composer } from "grammy";
import { z } from "zod";
import { formatDmy, dateInZone } from "../../dates.ts";
import { UserError } from "../../errors.ts";
import type { Role } from "../../services/types.ts";
import { displayName } from "../../text.ts";
import { personOf, requireBoard, type AccessDeps } from "../access.ts";
import type { BotContext } from "../context.ts";
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
    const parsed = inviteArgs.safeParse(ctx.match.trim().split(/\s+/).filter(Boolean));
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
  });

  composer.command("grant", async (ctx) => {
    const board = await requireBoard(ctx, deps);
    const id = telegramIdArg.safeParse(ctx.match.trim());
    if (!id.success) throw new UserError("grant-usage");
    const person = await services.members.grantBoard({ telegramId: id.data, by: board.telegramId });
    await reply(ctx, ctx.t("grant-done", { id: String(id.data), name: displayName(person.name) }));
  });

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
