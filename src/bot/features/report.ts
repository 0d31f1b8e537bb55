import { Composer, GrammyError, InlineKeyboard } from "grammy";
import type { Lang } from "../../config.ts";
import { addDays, dateInZone, formatDmy } from "../../dates.ts";
import { displayName } from "../../text.ts";
import { UserError } from "../../errors.ts";
import { milestoneName, milestoneShort, type Milestone } from "../../reports/campaign.ts";
import {
  looksLikeQuestion,
  parseCountAnswer,
  parseDateAnswer,
  parseReminderReply,
  parseYesNo,
} from "../../reports/input.ts";
import type { ChatFlow, ReportDetails, ReportEvent } from "../../services/types.ts";
import { personOf, requireMember, type AccessDeps } from "../access.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml } from "../html.ts";
import { replyText } from "../reply.ts";
import { remainingText, sendParts } from "../say.ts";

export type ReportDeps = AccessDeps;

/**
 * The steps of a guided flow. Its state is kept in Postgres through the flows service (a restart mid-flow loses
 * nothing) and it lives in one bot message, edited in place: Back and Cancel on every step, the keyboard gone
 * when it ends.
 */
type FlowStep =
  "milestone" | "date" | "members" | "secretary" | "delegates" | "confirm" | "replace" | "expected" | "which";
type Notice = { key: string; params: Record<string, string | number> };
type FlowData = {
  date?: string;
  details?: ReportDetails;
  /** The steps before this one, for Back. */
  back?: FlowStep[];
  /** The date picker's page (12 days each; negative: earlier). */
  page?: number;
  /** The bot message the flow lives in. */
  messageId?: number;
  /** What was wrong with the last input, shown under the step. */
  notice?: Notice;
  /** The report already there (another member's), shown before replacing it. */
  replace?: { name: string; at: string; date: string; details: ReportDetails };
  /** A free-text reply to a reminder that did not say which step: what it said, applied to the step chosen. */
  pending?: { kind: "done" | "expected"; date: string; choices: string[] };
};
type ReportFlow = Omit<ChatFlow, "step" | "data"> & { step: FlowStep; data: FlowData };

const PICKER_DAYS = 12;

/** Reports: one-line forms for each milestone, the guided /report, the reminders' buttons and /status. */
export function reportFeature(deps: ReportDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const { reports, flows, outbox } = deps.services;
  const milestones = reports.campaign.milestones;

  function formsHelp(lang: Lang, t: BotContext["tr"]): string {
    return milestones
      .map(
        (m) =>
          `/${m.command} ${t(lang, `report-form-${m.fields.length ? "held" : "date"}`)} — ${milestoneName(m, lang)}`,
      )
      .join("\n");
  }

  function recordedText(ctx: BotContext, event: ReportEvent, milestone: Milestone): string {
    const key = event.supersedes ? "report-corrected" : "report-recorded";
    const lines = [ctx.t(key, { milestone: milestoneName(milestone, ctx.lang), date: formatDmy(event.date) })];
    lines.push(...detailLines(ctx, event.details));
    if (milestone.fields.length > 0 && Object.keys(event.details).length === 0)
      lines.push(ctx.t("report-add-figures", { command: `/${milestone.command}` }));
    return lines.join("\n");
  }

  function notice(error: UserError): Notice {
    return { key: error.key, params: error.params };
  }

  // ---- The flow's one message

  function dayLabel(ctx: BotContext, date: string): string {
    const today = reports.today();
    if (date === today) return ctx.t("report-today");
    if (date === addDays(today, -1)) return ctx.t("report-yesterday");
    if (date === addDays(today, 1)) return ctx.t("report-tomorrow");
    return `${date.slice(8, 10)}/${date.slice(5, 7)}`;
  }

  /** Twelve days as buttons, four a row, and the arrows to earlier or later ones; only days inside the window. */
  function datePicker(ctx: BotContext, kb: InlineKeyboard, flow: ReportFlow, direction: "past" | "future") {
    const today = reports.today();
    const window = reports.campaign.reportWindow;
    const page = flow.data.page ?? 0;
    const prefix = flow.step === "expected" ? "rp:e:" : "rp:d:";
    let shown = 0;
    for (let i = 0; i < PICKER_DAYS; i++) {
      const date =
        direction === "past" ? addDays(today, page * PICKER_DAYS - i) : addDays(today, page * PICKER_DAYS + i);
      if (date < window.from || date > window.to) continue;
      if (flow.step === "expected" && date < today) continue;
      kb.text(dayLabel(ctx, date), `${prefix}${date}`);
      if (++shown % 4 === 0) kb.row();
    }
    if (shown % 4 !== 0) kb.row();
    const canEarlier = flow.step !== "expected" || page > 0;
    const canLater = direction === "future" || page < 0;
    if (canEarlier) kb.text(ctx.t("report-earlier"), `rp:p:${page - 1}`);
    if (canLater) kb.text(ctx.t("report-later"), `rp:p:${page + 1}`);
    if (canEarlier || canLater) kb.row();
  }

  async function render(ctx: BotContext, flow: ReportFlow): Promise<{ text: string; keyboard: InlineKeyboard }> {
    const milestone = flow.milestone ? reports.milestoneByKey(flow.milestone) : undefined;
    const lines: string[] = [];
    const kb = new InlineKeyboard();
    const nav = () => {
      if (flow.data.back?.length) kb.text(ctx.t("report-back"), "rp:bk");
      kb.text(ctx.t("report-cancel"), "rp:x");
    };
    if (milestone && ["date", "members", "secretary", "delegates", "expected"].includes(flow.step)) {
      lines.push(`📝 ${milestoneName(milestone, ctx.lang)}`);
      if (flow.data.date && flow.step !== "date")
        lines.push(ctx.t("report-flow-date", { date: formatDmy(flow.data.date) }));
      lines.push(...detailLines(ctx, flow.data.details ?? {}), "");
    }
    switch (flow.step) {
      case "milestone":
      case "which": {
        const status = await reports.status(flow.unitCode);
        const choices = flow.step === "which" ? (flow.data.pending?.choices ?? []) : undefined;
        if (flow.step === "which") {
          lines.push(
            ctx.t(flow.data.pending?.kind === "expected" ? "reminder-which-expected" : "reminder-which-done", {
              date: formatDmy(flow.data.pending?.date ?? reports.today()),
            }),
          );
        } else {
          lines.push(ctx.t("report-choose"), "", ctx.t("report-forms-title"), formsHelp(ctx.lang, ctx.tr));
        }
        let n = 0;
        for (const item of status.items) {
          if (choices && !choices.includes(item.milestone.key)) continue;
          const mark = item.done ? "✅" : item.daysLeft !== undefined && item.daysLeft < 0 ? "❗" : "▫️";
          kb.text(`${mark} ${milestoneShort(item.milestone, ctx.lang)}`, `rp:m:${item.milestone.key}`);
          if (++n % 2 === 0) kb.row();
        }
        if (n % 2 !== 0) kb.row();
        if (flow.step === "milestone") lines.push("", ctx.t("report-marks"));
        nav();
        break;
      }
      case "date":
        lines.push(ctx.t(milestone?.future === "allowed" ? "report-ask-planned" : "report-ask-date"));
        datePicker(ctx, kb, flow, milestone?.future === "allowed" ? "future" : "past");
        nav();
        break;
      case "members": {
        const { committeeSize, unit } = await reports.status(flow.unitCode);
        lines.push(ctx.t(`report-ask-members-${unit.kind}`, { min: committeeSize.min, max: committeeSize.max }));
        kb.text(ctx.t("report-skip"), "rp:s").row();
        nav();
        break;
      }
      case "secretary":
      case "delegates":
        lines.push(ctx.t(`report-ask-${flow.step}`));
        kb.text(ctx.t("report-yes"), `rp:b:${flow.step}:1`)
          .text(ctx.t("report-no"), `rp:b:${flow.step}:0`)
          .text(ctx.t("report-skip"), "rp:s")
          .row();
        nav();
        break;
      case "confirm":
        lines.push(
          ctx.t("report-confirm", { milestone: milestoneName(milestone!, ctx.lang), date: formatDmy(flow.data.date!) }),
          ...detailLines(ctx, flow.data.details ?? {}),
        );
        kb.text(ctx.t("report-save"), "rp:ok").row();
        nav();
        break;
      case "replace": {
        const r = flow.data.replace!;
        lines.push(
          ctx.t("report-replace-ask", {
            milestone: milestoneName(milestone!, ctx.lang),
            name: r.name,
            at: r.at,
            date: r.date,
            new: formatDmy(flow.data.date!),
          }),
          ...detailLines(ctx, r.details),
        );
        kb.text(ctx.t("report-replace-yes"), "rp:rep:ok").text(ctx.t("report-replace-no"), "rp:x");
        break;
      }
      case "expected":
        lines.push(ctx.t("expected-ask"));
        datePicker(ctx, kb, flow, "future");
        nav();
        break;
    }
    if (flow.data.notice) lines.push("", `⚠️ ${ctx.t(flow.data.notice.key, flow.data.notice.params)}`);
    return { text: lines.join("\n"), keyboard: kb };
  }

  const notModified = (e: unknown) => e instanceof GrammyError && /message is not modified/i.test(e.description);

  /**
   * Puts the flow's message on screen: edited in place when a button of it was pressed; after typed text, sent
   * anew under it and the old one deleted — the chat keeps one message of the flow either way.
   */
  async function put(
    ctx: BotContext,
    flow: ReportFlow,
    html: string,
    keyboard: InlineKeyboard | undefined,
    inPlace = true,
  ) {
    const chatId = ctx.chat!.id;
    // A flow started from another message's button (a reminder) comes as a message of its own, leaving that one.
    const pressed = inPlace ? ctx.callbackQuery?.message?.message_id : undefined;
    if (pressed !== undefined) {
      try {
        await ctx.api.editMessageText(chatId, pressed, html, {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...(keyboard ? { reply_markup: keyboard } : {}),
        });
        if (flow.data.messageId !== undefined && flow.data.messageId !== pressed)
          await ctx.api.deleteMessage(chatId, flow.data.messageId).catch(() => undefined);
        flow.data.messageId = pressed;
        return;
      } catch (error) {
        if (notModified(error)) return;
        // Too old to edit, or gone: it comes anew below.
        ctx.log.debug({ err: error }, "flow message not edited; sent anew");
      }
    }
    const old = flow.data.messageId;
    let sent: number | undefined;
    await sendParts(ctx, deps.services, [html], {
      keyboard,
      later: () => remainingText([html], 0, keyboard),
      onSent: (id) => (sent = id),
    });
    flow.data.messageId = sent;
    if (old !== undefined && old !== pressed) await ctx.api.deleteMessage(chatId, old).catch(() => undefined);
    else if (pressed !== undefined) await ctx.api.deleteMessage(chatId, pressed).catch(() => undefined);
  }

  async function show(ctx: BotContext, flow: ReportFlow, inPlace = true) {
    const { text, keyboard } = await render(ctx, flow);
    await put(ctx, flow, escapeHtml(text), keyboard, inPlace);
    delete flow.data.notice;
    await flows.save(flow);
  }

  /** Ends the flow: its message says how it ended, without buttons. */
  async function finish(ctx: BotContext, flow: ReportFlow, text: string) {
    await flows.end(flow.chatId);
    await put(ctx, flow, escapeHtml(text), undefined);
  }

  function go(flow: ReportFlow, step: FlowStep) {
    flow.data.back = [...(flow.data.back ?? []), flow.step];
    flow.step = step;
    flow.data.page = 0;
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

  /**
   * Starts a flow in this chat (an older one's message loses its buttons). `inPlace: false` from a button of
   * another message (a reminder): the flow comes as a message of its own.
   */
  async function start(
    ctx: BotContext,
    unitCode: string,
    step: FlowStep,
    milestone: string | null,
    data: FlowData,
    inPlace = true,
  ) {
    const old = (await flows.get(ctx.chat!.id)) as ReportFlow | undefined;
    if (old?.data.messageId !== undefined)
      await ctx.api.editMessageReplyMarkup(ctx.chat!.id, old.data.messageId).catch(() => undefined);
    const flow: ReportFlow = { chatId: ctx.chat!.id, telegramId: ctx.from!.id, unitCode, step, milestone, data };
    await show(ctx, flow, inPlace);
  }

  /**
   * Runs an input's effect on the flow; a UserError is said in the flow's message, at the step it belongs to, and
   * the flow stays open.
   */
  async function inFlow(ctx: BotContext, flow: ReportFlow, effect: () => Promise<void>) {
    try {
      await effect();
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const step = stepOfError(error, flow.step);
      if (step !== flow.step) go(flow, step);
      flow.data.notice = notice(error);
      await show(ctx, flow);
    }
  }

  /** Records the flow's report — unless another member reported this step: then asked first, in the flow. */
  async function save(ctx: BotContext, flow: ReportFlow, milestone: Milestone, replace: boolean) {
    if (!replace) {
      const other = await reports.reportedByAnother(flow.unitCode, milestone.key, ctx.from!.id);
      if (other) {
        flow.data.replace = {
          name: displayName(other.name),
          at: formatDmy(dateInZone(other.event.reportedAt, reports.campaign.timeZone)),
          date: formatDmy(other.event.date),
          details: other.event.details,
        };
        go(flow, "replace");
        await show(ctx, flow);
        return;
      }
    }
    const event = await reports.record({
      unitCode: flow.unitCode,
      milestone: milestone.key,
      date: flow.data.date!,
      details: flow.data.details ?? {},
      reportedBy: ctx.from!.id,
      chatId: ctx.chat!.id,
      lang: ctx.lang,
      updateId: ctx.update.update_id,
    });
    await finish(ctx, flow, recordedText(ctx, event, milestone));
  }

  /** A date chosen for the flow's step: checked now (future, order, window), then the next step. */
  async function chooseDate(ctx: BotContext, flow: ReportFlow, milestone: Milestone, date: string) {
    if (flow.step === "expected") {
      await reports.expect({ unitCode: flow.unitCode, milestone: milestone.key, date, by: ctx.from!.id });
      await finish(
        ctx,
        flow,
        ctx.t("expected-recorded", { milestone: milestoneName(milestone, ctx.lang), date: formatDmy(date) }),
      );
      return;
    }
    await reports.checkDate({ unitCode: flow.unitCode, milestone: milestone.key, date, lang: ctx.lang });
    flow.data.date = date;
    go(flow, nextStep(milestone, "date"));
    await show(ctx, flow);
  }

  async function chooseMembers(ctx: BotContext, flow: ReportFlow, milestone: Milestone, value: number) {
    const { committeeSize, unit } = await reports.status(flow.unitCode);
    if (value < committeeSize.min || value > committeeSize.max) {
      throw new UserError(`report-error-members-step-${unit.kind}`, {
        value,
        min: committeeSize.min,
        max: committeeSize.max,
      });
    }
    flow.data.details = { ...flow.data.details, members_elected: value };
    go(flow, nextStep(milestone, "members"));
    await show(ctx, flow);
  }

  async function chooseMilestone(ctx: BotContext, flow: ReportFlow, milestone: Milestone) {
    const pending = flow.data.pending;
    flow.milestone = milestone.key;
    flow.data = { back: ["milestone"], messageId: flow.data.messageId };
    if (pending) {
      flow.step = pending.kind === "expected" ? "expected" : "date";
      flow.data.back = [];
      if (pending.kind === "done" && milestone.fields.length === 0) {
        flow.data.date = pending.date;
        await reports.checkDate({
          unitCode: flow.unitCode,
          milestone: milestone.key,
          date: pending.date,
          lang: ctx.lang,
        });
        flow.step = "confirm";
        await save(ctx, flow, milestone, false);
        return;
      }
      await chooseDate(ctx, flow, milestone, pending.date);
      return;
    }
    flow.step = "date";
    await show(ctx, flow);
  }

  /** Why an input went wrong, shown in the flow at the step it belongs to. */
  function stepOfError(error: UserError, current: FlowStep): FlowStep {
    if (error.key.startsWith("report-error-members")) return "members";
    if (/^report-error-(date|future|order|window)/.test(error.key) && current === "confirm") return "date";
    return current;
  }

  // ---- One-line forms: /plan 15/03/2025, /held 21/02/2025 27 yes, /held hôm qua 27 có, …
  for (const milestone of milestones) {
    composer.command(milestone.command, async (ctx) => {
      const member = await requireMember(ctx, deps);
      const args = ctx.match.trim().split(/\s+/).filter(Boolean);
      const usage = () =>
        new UserError("report-usage", {
          form: `/${milestone.command} ${ctx.t(`report-form-${milestone.fields.length ? "held" : "date"}`)}`,
        });
      if (args.length === 0) throw usage();
      const today = reports.today();
      // A date may be two words ("hôm qua", "hom nay").
      let date = parseDateAnswer(args[0]!, today);
      let rest = args.slice(1);
      if (!date && args.length > 1 && parseDateAnswer(`${args[0]} ${args[1]}`, today)) {
        date = parseDateAnswer(`${args[0]} ${args[1]}`, today);
        rest = args.slice(2);
      }
      if (!date) throw new UserError("report-error-date", { value: args[0]!.slice(0, 20) });
      const details: ReportDetails = {};
      if (rest.length > milestone.fields.length) throw usage();
      for (const [i, field] of milestone.fields.entries()) {
        const value = rest[i];
        if (value === undefined) break;
        if (field === "members_elected") {
          const n = parseCountAnswer(value);
          if (n === undefined) throw new UserError("report-error-number", { value: value.slice(0, 20) });
          details.members_elected = n;
        } else {
          const yes = parseYesNo(value);
          if (yes === undefined) throw new UserError("report-error-yesno", { value: value.slice(0, 20) });
          details[field] = yes;
        }
      }
      const other = await reports.reportedByAnother(member.unitCode, milestone.key, ctx.from!.id);
      if (other) {
        await start(ctx, member.unitCode, "replace", milestone.key, {
          date,
          details,
          replace: {
            name: displayName(other.name),
            at: formatDmy(dateInZone(other.event.reportedAt, reports.campaign.timeZone)),
            date: formatDmy(other.event.date),
            details: other.event.details,
          },
        });
        return;
      }
      const event = await reports.record({
        unitCode: member.unitCode,
        milestone: milestone.key,
        date,
        details,
        reportedBy: ctx.from!.id,
        chatId: ctx.chat.id,
        lang: ctx.lang,
        updateId: ctx.update.update_id,
      });
      await replyText(ctx, recordedText(ctx, event, milestone));
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
        const expected = item.expected ? ` · ${ctx.t("status-expected", { date: formatDmy(item.expected) })}` : "";
        lines.push(
          `${item.daysLeft < 0 ? "❗" : "⏳"} ${name}: ${ctx.t("status-due", { date: formatDmy(item.deadline) })} (${when})${expected}`,
        );
      } else {
        lines.push(`▫️ ${name}: ${ctx.t("status-not-reported")}`);
      }
    }
    await replyText(ctx, lines.join("\n"));
  });

  // ---- The guided /report

  composer.command("report", async (ctx) => {
    const member = await requireMember(ctx, deps);
    await start(ctx, member.unitCode, "milestone", null, {});
  });

  /** The flow of this chat, if it belongs to this person and their current unit; otherwise refused. */
  async function ownFlow(ctx: BotContext): Promise<ReportFlow> {
    const member = await requireMember(ctx, deps);
    const flow = (await flows.get(ctx.chat!.id)) as ReportFlow | undefined;
    if (!flow || flow.telegramId !== ctx.from!.id || flow.unitCode !== member.unitCode)
      throw new UserError("report-flow-expired");
    return flow;
  }

  composer.callbackQuery(/^rp:/, async (ctx) => {
    const data = ctx.callbackQuery.data;
    const flow = await ownFlow(ctx);
    const milestone = flow.milestone ? reports.milestoneByKey(flow.milestone) : undefined;
    const today = reports.today();
    /** What the button does, if it belongs to the flow's current step; checked before the button is answered. */
    const action = ((): (() => Promise<void>) | undefined => {
      if (data === "rp:x") return () => finish(ctx, flow, ctx.t("report-cancelled"));
      if (data === "rp:bk" && flow.data.back?.length) {
        return () => {
          flow.step = flow.data.back!.pop()!;
          flow.data.page = 0;
          if (flow.step === "milestone") flow.milestone = null;
          return show(ctx, flow);
        };
      }
      const m = /^rp:m:([a-z_]{2,20})$/.exec(data);
      const chosen = m ? reports.milestoneByKey(m[1]!) : undefined;
      if (chosen && (flow.step === "milestone" || flow.step === "which"))
        return () => chooseMilestone(ctx, flow, chosen);
      if (!milestone) return undefined;
      const p = /^rp:p:(-?\d{1,3})$/.exec(data);
      if (p && (flow.step === "date" || flow.step === "expected")) {
        return () => {
          flow.data.page = Number(p[1]);
          return show(ctx, flow);
        };
      }
      const d = /^rp:[de]:(today|yday|\d{4}-\d{2}-\d{2})$/.exec(data);
      if (
        d &&
        ((data.startsWith("rp:d:") && flow.step === "date") || (data.startsWith("rp:e:") && flow.step === "expected"))
      ) {
        const date = d[1] === "today" ? today : d[1] === "yday" ? addDays(today, -1) : d[1]!;
        return () => chooseDate(ctx, flow, milestone, date);
      }
      const b = /^rp:b:(secretary|delegates):([01])$/.exec(data);
      if (b && flow.step === b[1]) {
        return () => {
          flow.data.details = { ...flow.data.details, [`${b[1]}_elected`]: b[2] === "1" };
          go(flow, nextStep(milestone, flow.step));
          return show(ctx, flow);
        };
      }
      if (data === "rp:s" && ["members", "secretary", "delegates"].includes(flow.step)) {
        return () => {
          go(flow, nextStep(milestone, flow.step));
          return show(ctx, flow);
        };
      }
      if (data === "rp:ok" && flow.step === "confirm") return () => save(ctx, flow, milestone, false);
      if (data === "rp:rep:ok" && flow.step === "replace") return () => save(ctx, flow, milestone, true);
      return undefined;
    })();
    // A button from an earlier step, or forged data.
    if (!action) throw new UserError("report-flow-expired");
    await ctx.answerCallbackQuery();
    await inFlow(ctx, flow, action);
  });

  /** Hints for a typed text that is not an answer to the step. */
  function hintOf(step: FlowStep): Notice {
    const key =
      step === "date" || step === "expected"
        ? "report-hint-date"
        : step === "members"
          ? "report-hint-members"
          : step === "secretary" || step === "delegates"
            ? "report-hint-yesno"
            : step === "confirm" || step === "replace"
              ? "report-hint-confirm"
              : "report-hint-step";
    return { key, params: {} };
  }

  /**
   * Typed answers while a flow is open: a date, a number or yes/no as people write them. Text that is no answer
   * gets a hint and the flow stays open — but a real question (ending in "?" or starting with a question word)
   * goes on to the question answerer, as does anything once the flow is gone.
   */
  composer.on("message:text", async (ctx, next) => {
    if (ctx.chat.type !== "private" || ctx.message.text.startsWith("/")) return next();
    const text = ctx.message.text.trim();
    const flow = (await flows.get(ctx.chat.id)) as ReportFlow | undefined;
    if (!flow || flow.telegramId !== ctx.from.id) return reminderReply(ctx, next);
    const member = (await personOf(ctx, deps)).membership;
    if (!member || member.unitCode !== flow.unitCode) {
      await flows.end(flow.chatId);
      return next();
    }
    if (text.endsWith("?")) return next();
    const milestone = reports.milestoneByKey(flow.milestone ?? "");
    const today = reports.today();
    let apply: (() => Promise<void>) | undefined;
    if (milestone && (flow.step === "date" || flow.step === "expected")) {
      const date = parseDateAnswer(text, today);
      if (date) apply = () => chooseDate(ctx, flow, milestone, date);
    } else if (milestone && flow.step === "members") {
      const n = parseCountAnswer(text);
      if (n !== undefined) apply = () => chooseMembers(ctx, flow, milestone, n);
    } else if (milestone && (flow.step === "secretary" || flow.step === "delegates")) {
      const yes = parseYesNo(text);
      if (yes !== undefined) {
        apply = () => {
          flow.data.details = { ...flow.data.details, [`${flow.step}_elected`]: yes };
          go(flow, nextStep(milestone, flow.step));
          return show(ctx, flow);
        };
      }
    } else if (milestone && flow.step === "confirm" && parseYesNo(text) === true) {
      apply = () => save(ctx, flow, milestone, false);
    }
    if (!apply) {
      if (looksLikeQuestion(text)) return next();
      flow.data.notice = hintOf(flow.step);
      await show(ctx, flow);
      return;
    }
    await inFlow(ctx, flow, apply);
  });

  // ---- Reminders answered in one tap: rm:t|o|e:<unit>:<step index>

  composer.callbackQuery(/^rm:([toe]):([A-Za-z0-9_-]{1,40}):(\d{1,2})$/, async (ctx) => {
    const member = await requireMember(ctx, deps);
    const [, action, unitCode, index] = ctx.match;
    const milestone = milestones[Number(index)];
    // Only for the member's own unit, and only while the step is open: checked here, whatever the button says.
    if (!milestone || member.unitCode !== unitCode) throw new UserError("reminder-not-yours");
    const item = (await reports.status(member.unitCode)).items.find((i) => i.milestone.key === milestone.key);
    const dropRow = async () => {
      const markup = ctx.callbackQuery.message?.reply_markup;
      if (!markup) return;
      const rows = markup.inline_keyboard.filter(
        (row) => !row.some((b) => "callback_data" in b && b.callback_data?.endsWith(`:${unitCode}:${index}`)),
      );
      await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: rows } }).catch(() => undefined);
    };
    if (item?.done) {
      await ctx.answerCallbackQuery({
        text: ctx.t("reminder-already-done", {
          milestone: milestoneName(milestone, ctx.lang),
          date: formatDmy(item.done.date),
        }),
      });
      await dropRow();
      return;
    }
    if (action === "t") {
      const event = await reports.record({
        unitCode: member.unitCode,
        milestone: milestone.key,
        date: reports.today(),
        reportedBy: ctx.from.id,
        chatId: ctx.chat!.id,
        lang: ctx.lang,
        updateId: ctx.update.update_id,
      });
      await ctx.answerCallbackQuery({ text: ctx.t("reminder-recorded-toast") });
      await dropRow();
      await replyText(ctx, recordedText(ctx, event, milestone));
      return;
    }
    await ctx.answerCallbackQuery();
    // "Not yet — expected on…" or "Done on…": the date picker comes as a message of its own (the reminder stays).
    await start(ctx, member.unitCode, action === "e" ? "expected" : "date", milestone.key, {}, false);
  });

  /**
   * A free-text answer to a reminder — a reply to it, or to the reminders of the last days — that says done or not
   * yet with a date ("Zrobione, podpisane wczoraj", "chưa, dự kiến 20/4"). Anything else goes on (a question).
   */
  async function reminderReply(ctx: BotContext, next: () => Promise<void>) {
    const message = ctx.message!;
    const text = message.text!.trim();
    if (text.endsWith("?")) return next();
    const said = parseReminderReply(text, reports.today());
    if (!said) return next();
    const member = (await personOf(ctx, deps)).membership;
    if (!member) return next();
    const replyTo = message.reply_to_message?.from?.is_bot ? message.reply_to_message.message_id : undefined;
    const open = await outbox.openReminderItems(ctx.from!.id, replyTo);
    const mine = open.items.filter((i) => i.unitCode === member.unitCode);
    if (mine.length === 0) return next();
    if (mine.length > 1) {
      await start(ctx, member.unitCode, "which", null, {
        pending: { ...said, choices: mine.map((i) => i.milestone) },
      });
      return;
    }
    const milestone = reports.milestoneByKey(mine[0]!.milestone)!;
    if (said.kind === "expected") {
      await reports.expect({ unitCode: member.unitCode, milestone: milestone.key, date: said.date, by: ctx.from!.id });
      await replyText(
        ctx,
        ctx.t("expected-recorded", { milestone: milestoneName(milestone, ctx.lang), date: formatDmy(said.date) }),
      );
      return;
    }
    const event = await reports.record({
      unitCode: member.unitCode,
      milestone: milestone.key,
      date: said.date,
      reportedBy: ctx.from!.id,
      chatId: ctx.chat!.id,
      lang: ctx.lang,
      updateId: ctx.update.update_id,
    });
    await replyText(ctx, recordedText(ctx, event, milestone));
  }

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
