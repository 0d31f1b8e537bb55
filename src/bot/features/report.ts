import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import type { Lang } from "../../config.ts";
import { addDays, dateInZone, formatDmy, parseDmy } from "../../dates.ts";
import { displayName } from "../../text.ts";
import { UserError } from "../../errors.ts";
import { milestoneName, type Milestone } from "../../reports/campaign.ts";
import type { ChatFlow, ReportDetails, ReportEvent } from "../../services/types.ts";
import { personOf, requireMember, type AccessDeps } from "../access.ts";
import type { BotContext } from "../context.ts";
import { replyText } from "../reply.ts";

export type ReportDeps = AccessDeps;

/** The steps of the guided /report; its state is kept in Postgres through the flows service. */
type FlowStep = "milestone" | "date" | "members" | "secretary" | "delegates" | "confirm" | "replace";
type ReportFlow = Omit<ChatFlow, "step" | "data"> & {
  step: FlowStep;
  data: { date?: string; details?: ReportDetails };
};

const YES = new Set(["yes", "y", "co", "có", "tak", "t", "1"]);
const NO = new Set(["no", "n", "khong", "không", "nie", "0"]);
const yesNo = z
  .string()
  .transform((v) => v.normalize("NFC").toLowerCase())
  .refine((v) => YES.has(v) || NO.has(v))
  .transform((v) => YES.has(v));

/** Reports: one-line forms for each milestone, the guided /report with buttons, and /status. */
export function reportFeature(deps: ReportDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const { reports, flows } = deps.services;
  const milestones = reports.campaign.milestones;

  function formsHelp(lang: Lang, t: BotContext["tr"]): string {
    return milestones
      .map(
        (m) =>
          `/${m.command} ${t(lang, `report-form-${m.fields.length ? "held" : "date"}`)} — ${milestoneName(m, lang)}`,
      )
      .join("\n");
  }

  async function confirmRecorded(ctx: BotContext, event: ReportEvent, milestone: Milestone) {
    const key = event.supersedes ? "report-corrected" : "report-recorded";
    const lines = [ctx.t(key, { milestone: milestoneName(milestone, ctx.lang), date: formatDmy(event.date) })];
    lines.push(...detailLines(ctx, event.details));
    await replyText(ctx, lines.join("\n"));
  }

  /**
   * Records a report — unless another member of the unit reported this step: then what is there (by whom, when,
   * which figures) is shown and replacing it is a button (the other member is told when it is replaced).
   */
  async function submit(
    ctx: BotContext,
    member: { unitCode: string },
    milestone: Milestone,
    date: string,
    details: ReportDetails,
    options: { replace?: boolean } = {},
  ) {
    if (!options.replace) {
      const other = await reports.reportedByAnother(member.unitCode, milestone.key, ctx.from!.id);
      if (other) {
        await flows.save({
          chatId: ctx.chat!.id,
          telegramId: ctx.from!.id,
          unitCode: member.unitCode,
          step: "replace",
          milestone: milestone.key,
          data: { date, details },
        });
        const lines = [
          ctx.t("report-replace-ask", {
            milestone: milestoneName(milestone, ctx.lang),
            name: displayName(other.name),
            at: formatDmy(dateInZone(other.event.reportedAt, reports.campaign.timeZone)),
            date: formatDmy(other.event.date),
            new: formatDmy(date),
          }),
          ...detailLines(ctx, other.event.details),
        ];
        await replyText(
          ctx,
          lines.join("\n"),
          new InlineKeyboard().text(ctx.t("report-replace-yes"), "rp:rep:ok").text(ctx.t("report-replace-no"), "rp:x"),
        );
        return;
      }
    }
    const event = await reports.record({
      unitCode: member.unitCode,
      milestone: milestone.key,
      date,
      details,
      reportedBy: ctx.from!.id,
      chatId: ctx.chat!.id,
      lang: ctx.lang,
      updateId: ctx.update.update_id,
    });
    await confirmRecorded(ctx, event, milestone);
  }

  // One-line forms: /plan 15/03/2025, /held 21/02/2025 27 yes, …
  for (const milestone of milestones) {
    composer.command(milestone.command, async (ctx) => {
      const member = await requireMember(ctx, deps);
      const args = ctx.match.trim().split(/\s+/).filter(Boolean);
      const usage = () =>
        new UserError("report-usage", {
          form: `/${milestone.command} ${ctx.t(`report-form-${milestone.fields.length ? "held" : "date"}`)}`,
        });
      if (args.length === 0) throw usage();
      const date = parseDmy(args[0]!);
      if (!date) throw new UserError("report-error-date", { value: args[0]!.slice(0, 20) });
      const details: ReportDetails = {};
      const rest = args.slice(1);
      if (rest.length > milestone.fields.length) throw usage();
      for (const [i, field] of milestone.fields.entries()) {
        const value = rest[i];
        if (value === undefined) break;
        if (field === "members_elected") {
          if (!/^\d{1,3}$/.test(value)) throw new UserError("report-error-number", { value: value.slice(0, 20) });
          details.members_elected = Number(value);
        } else {
          const parsed = yesNo.safeParse(value);
          if (!parsed.success) throw new UserError("report-error-yesno", { value: value.slice(0, 20) });
          details[field] = parsed.data;
        }
      }
      await submit(ctx, member, milestone, date, details);
    });
  }

  composer.command("status", async (ctx) => {
    const member = await requireMember(ctx, deps);
    const status = await reports.status(member.unitCode);
    const lines = [ctx.t("status-title", { unit: status.unit.name, code: status.unit.code })];
    for (const item of status.items) {
      const name = milestoneName(item.milestone, ctx.lang);
      if (item.done) {
        lines.push(
          `✅ ${name}: ${formatDmy(item.done.date)}`,
          ...detailLines(ctx, item.done.details).map((l) => `   ${l}`),
        );
      } else if (item.deadline && item.daysLeft !== undefined) {
        const when =
          item.daysLeft < 0
            ? ctx.t("status-late", { days: -item.daysLeft })
            : ctx.t("status-days-left", { days: item.daysLeft });
        lines.push(
          `${item.daysLeft < 0 ? "❗" : "⏳"} ${name}: ${ctx.t("status-due", { date: formatDmy(item.deadline) })} (${when})`,
        );
      } else {
        lines.push(`▫️ ${name}: ${ctx.t("status-not-reported")}`);
      }
    }
    await replyText(ctx, lines.join("\n"));
  });

  // ---- The guided /report: state in Postgres (report_flows), so a restart mid-flow loses nothing.

  function milestoneKeyboard(ctx: BotContext): InlineKeyboard {
    const keyboard = new InlineKeyboard();
    for (const m of milestones) keyboard.text(milestoneName(m, ctx.lang), `rp:m:${m.key}`).row();
    return keyboard.text(ctx.t("report-cancel"), "rp:x");
  }

  composer.command("report", async (ctx) => {
    const member = await requireMember(ctx, deps);
    await flows.save({
      chatId: ctx.chat.id,
      telegramId: ctx.from!.id,
      unitCode: member.unitCode,
      step: "milestone",
      milestone: null,
      data: {},
    });
    await replyText(
      ctx,
      `${ctx.t("report-choose")}\n\n${ctx.t("report-forms-title")}\n${formsHelp(ctx.lang, ctx.tr)}`,
      milestoneKeyboard(ctx),
    );
  });

  /** The flow of this chat, if it belongs to this person and their current unit; otherwise refused. */
  async function ownFlow(ctx: BotContext): Promise<ReportFlow> {
    const member = await requireMember(ctx, deps);
    const flow = (await flows.get(ctx.chat!.id)) as ReportFlow | undefined;
    if (!flow || flow.telegramId !== ctx.from!.id || flow.unitCode !== member.unitCode)
      throw new UserError("report-flow-expired");
    return flow;
  }

  async function ask(ctx: BotContext, flow: ReportFlow, step: FlowStep) {
    flow.step = step;
    await flows.save(flow);
    const skip = () => new InlineKeyboard().text(ctx.t("report-skip"), "rp:s");
    if (step === "date") {
      await replyText(
        ctx,
        ctx.t("report-ask-date"),
        new InlineKeyboard().text(ctx.t("report-today"), "rp:d:today").text(ctx.t("report-yesterday"), "rp:d:yday"),
      );
    } else if (step === "members") {
      await replyText(ctx, ctx.t("report-ask-members"), skip());
    } else if (step === "secretary" || step === "delegates") {
      await replyText(
        ctx,
        ctx.t(`report-ask-${step}`),
        new InlineKeyboard()
          .text(ctx.t("report-yes"), `rp:b:${step}:1`)
          .text(ctx.t("report-no"), `rp:b:${step}:0`)
          .row()
          .text(ctx.t("report-skip"), "rp:s"),
      );
    } else if (step === "confirm") {
      const milestone = reports.milestoneByKey(flow.milestone!)!;
      const lines = [
        ctx.t("report-confirm", { milestone: milestoneName(milestone, ctx.lang), date: formatDmy(flow.data.date!) }),
        ...detailLines(ctx, flow.data.details ?? {}),
      ];
      await replyText(
        ctx,
        lines.join("\n"),
        new InlineKeyboard().text(ctx.t("report-save"), "rp:ok").text(ctx.t("report-cancel"), "rp:x"),
      );
    }
  }

  /** The step after `step` for this milestone: the figures only for a milestone that has them. */
  function nextStep(milestone: Milestone, step: FlowStep): FlowStep {
    const order: FlowStep[] = ["date", "members", "secretary", "delegates", "confirm"];
    const needs: Record<string, boolean> = {
      members: milestone.fields.includes("members_elected"),
      secretary: milestone.fields.includes("secretary_elected"),
      delegates: milestone.fields.includes("delegates_elected"),
    };
    for (const candidate of order.slice(order.indexOf(step) + 1)) {
      if (candidate === "confirm" || needs[candidate]) return candidate;
    }
    return "confirm";
  }

  composer.callbackQuery(/^rp:/, async (ctx) => {
    const data = ctx.callbackQuery.data;
    const flow = await ownFlow(ctx);
    // Answered once, after the checks: a refused button gets its answer from the error boundary instead.
    const ack = () => ctx.answerCallbackQuery();
    if (data === "rp:x") {
      await ack();
      await flows.end(flow.chatId);
      await replyText(ctx, ctx.t("report-cancelled"));
      return;
    }
    const m = /^rp:m:([a-z_]{2,20})$/.exec(data);
    if (m && flow.step === "milestone") {
      const milestone = reports.milestoneByKey(m[1]!);
      if (!milestone) throw new UserError("report-flow-expired");
      await ack();
      flow.milestone = milestone.key;
      flow.data = {};
      await ask(ctx, flow, "date");
      return;
    }
    const milestone = flow.milestone ? reports.milestoneByKey(flow.milestone) : undefined;
    if (!milestone) throw new UserError("report-flow-expired");
    const d = /^rp:d:(today|yday)$/.exec(data);
    if (d && flow.step === "date") {
      await ack();
      const today = reports.today();
      const date = d[1] === "today" ? today : addDays(today, -1);
      await reports.checkDate({ unitCode: flow.unitCode, milestone: milestone.key, date, lang: ctx.lang });
      flow.data.date = date;
      await ask(ctx, flow, nextStep(milestone, "date"));
      return;
    }
    const b = /^rp:b:(secretary|delegates):([01])$/.exec(data);
    if (b && flow.step === b[1]) {
      await ack();
      flow.data.details = { ...flow.data.details, [`${b[1]}_elected`]: b[2] === "1" };
      await ask(ctx, flow, nextStep(milestone, flow.step));
      return;
    }
    if (data === "rp:s" && ["members", "secretary", "delegates"].includes(flow.step)) {
      await ack();
      await ask(ctx, flow, nextStep(milestone, flow.step));
      return;
    }
    if ((data === "rp:ok" && flow.step === "confirm") || (data === "rp:rep:ok" && flow.step === "replace")) {
      await flows.end(flow.chatId);
      await ack();
      await submit(ctx, { unitCode: flow.unitCode }, milestone, flow.data.date!, flow.data.details ?? {}, {
        replace: flow.step === "replace",
      });
      return;
    }
    // A button from an earlier step, or forged data.
    throw new UserError("report-flow-expired");
  });

  // Typed answers while a flow waits for a date or a number. Text that is not one (a question, say) goes on to
  // the next feature: an abandoned /report never swallows questions.
  composer.on("message:text", async (ctx, next) => {
    if (ctx.chat.type !== "private" || ctx.message.text.startsWith("/")) return next();
    const text = ctx.message.text.trim();
    const flow = (await flows.get(ctx.chat.id)) as ReportFlow | undefined;
    if (!flow || flow.telegramId !== ctx.from.id) return next();
    const looksLikeAnswer =
      flow.step === "date" ? /^\d{1,4}\s*[/.-]/.test(text) : flow.step === "members" && /^\d+$/.test(text);
    if (!looksLikeAnswer) return next();
    const member = (await personOf(ctx, deps)).membership;
    if (!member || member.unitCode !== flow.unitCode) {
      await flows.end(flow.chatId);
      return next();
    }
    const milestone = reports.milestoneByKey(flow.milestone ?? "");
    if (!milestone) throw new UserError("report-flow-expired");
    if (flow.step === "date") {
      const date = parseDmy(text);
      if (!date) throw new UserError("report-error-date", { value: text.slice(0, 20) });
      // The date's own rules (not in the future, in order with the other steps) are checked now, not at Save.
      await reports.checkDate({ unitCode: flow.unitCode, milestone: milestone.key, date, lang: ctx.lang });
      flow.data.date = date;
    } else {
      const value = Number(text);
      const range = reports.campaign.committeeSize;
      if (
        value < Math.min(range.cell.min, range.committee.min) ||
        value > Math.max(range.cell.max, range.committee.max)
      ) {
        throw new UserError("report-error-number", { value: text.slice(0, 20) });
      }
      flow.data.details = { ...flow.data.details, members_elected: value };
    }
    await ask(ctx, flow, nextStep(milestone, flow.step));
  });

  return composer;
}

function detailLines(ctx: BotContext, details: ReportDetails): string[] {
  const lines: string[] = [];
  if (details.members_elected !== undefined)
    lines.push(ctx.t("report-detail-members", { count: details.members_elected }));
  if (details.secretary_elected !== undefined)
    lines.push(ctx.t(`report-detail-secretary-${details.secretary_elected ? "yes" : "no"}`));
  if (details.delegates_elected !== undefined)
    lines.push(ctx.t(`report-detail-delegates-${details.delegates_elected ? "yes" : "no"}`));
  return lines;
}
