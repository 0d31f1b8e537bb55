import { langFromTelegram, type Lang } from "../config.ts";
import { daysBetween, formatDmy, localTime } from "../dates.ts";
import type { Pool } from "../db/pool.ts";
import { escapeHtml } from "../escape-html.ts";
import type { Logger } from "../logger.ts";
import { milestoneName, type Campaign } from "../reports/campaign.ts";
import { currentReports } from "../reports/report-store.ts";
import type { Translate } from "../translate.ts";
import { listUnits, type Unit } from "../units/unit-store.ts";
import {
  claimDue,
  markFinal,
  markRetry,
  markSent,
  recordIntents,
  setReachable,
  skipPendingFor,
  type Delivery,
  type NewDelivery,
} from "./delivery-store.ts";
import { SendError, type Notifier } from "./notifier.ts";
import { boardDigest, dueMessages, isQuiet, minutesOf, type DueMessage } from "./schedule.ts";

export type SchedulerDeps = {
  pool: Pool;
  campaign: Campaign;
  notifier: Notifier;
  translate: Translate;
  adminIds: readonly number[];
  clock?: () => Date;
  logger?: Logger;
  /** Attempts of one delivery on 5xx / network errors before the Board is told. */
  maxAttempts?: number;
  retryDelaysMs?: number[];
};

type Person = {
  telegramId: number;
  unitCode: string | null;
  role: string | null;
  lang: Lang;
  name: string;
  reachable: boolean;
};

// One delivery claimed per send: a crash can then leave at most the one message in flight unrecorded.
const CLAIM_PER_SEND = 1;

/**
 * Works out which reminders, nudges and digests are due, records each as an intent under its unique key, then
 * claims and sends pending deliveries through the (throttled) notifier. Run `tick()` at least every minute.
 */
export function createScheduler(deps: SchedulerDeps) {
  const { pool, campaign, notifier, translate } = deps;
  const clock = deps.clock ?? (() => new Date());
  const maxAttempts = deps.maxAttempts ?? 4;
  const retryDelaysMs = deps.retryDelaysMs ?? [60_000, 5 * 60_000, 15 * 60_000];
  let stopping = false;

  async function people(): Promise<Person[]> {
    const { rows } = await pool.query<{
      telegram_id: string;
      unit_code: string | null;
      role: string | null;
      lang: Lang | null;
      language_code: string | null;
      name: string | null;
      unreachable_at: Date | null;
    }>(
      `SELECT m.telegram_id, m.unit_code, m.role, u.chosen_lang AS lang, u.language_code,
              nullif(trim(coalesce(u.first_name, '') || ' ' || coalesce('@' || u.username, '')), '') AS name,
              u.unreachable_at
         FROM unit_members m LEFT JOIN telegram_users u ON u.telegram_id = m.telegram_id
        WHERE m.removed_at IS NULL`,
    );
    return rows.map((r) => ({
      telegramId: Number(r.telegram_id),
      unitCode: r.unit_code,
      role: r.role,
      lang: r.lang ?? langFromTelegram(r.language_code),
      name: r.name ?? String(r.telegram_id),
      reachable: r.unreachable_at === null,
    }));
  }

  async function boardMembers(): Promise<{ telegramId: number; lang: Lang }[]> {
    const { rows } = await pool.query<{ telegram_id: string; lang: Lang | null; language_code: string | null }>(
      `SELECT ids.telegram_id, u.chosen_lang AS lang, u.language_code
         FROM (SELECT unnest($1::bigint[]) AS telegram_id UNION SELECT telegram_id FROM board_members) ids
         LEFT JOIN telegram_users u ON u.telegram_id = ids.telegram_id
        WHERE u.unreachable_at IS NULL`,
      [deps.adminIds],
    );
    return rows.map((r) => ({ telegramId: Number(r.telegram_id), lang: r.lang ?? langFromTelegram(r.language_code) }));
  }

  /** The state of the campaign and the reminders and nudges due at `at`, each with its text (plain). */
  async function dueAt(at: Date) {
    const [units, members, reports] = await Promise.all([
      listUnits(pool, { activeOnly: true }),
      people(),
      currentReports(pool),
    ]);
    const reachable = members.filter((m) => m.reachable && m.unitCode);
    const unitByCode = new Map(units.map((u) => [u.code, u]));
    const langOfMember = new Map(reachable.map((m) => [m.telegramId, m.lang]));
    const due = dueMessages(
      campaign,
      units,
      reachable.map((m) => ({ telegramId: m.telegramId, unitCode: m.unitCode! })),
      reports,
      at,
    ).map((d) => ({
      ...d,
      text: renderAt(d, unitByCode.get(d.unitCode)!, langOfMember.get(d.telegramId) ?? "vi", at),
    }));
    return { units, reports, due };
  }

  /** Records what is due now (reminders, nudges, the Board's digest). Returns the number of new intents. */
  async function planDue(): Promise<number> {
    const now = clock();
    const { units, reports, due } = await dueAt(now);
    const intents: NewDelivery[] = due.map((d) => ({
      key: d.key,
      kind: d.kind,
      telegramId: d.telegramId,
      unitCode: d.unitCode,
      milestone: d.milestone.key,
      deadline: d.deadline,
      leadDays: d.leadDays,
      text: escapeHtml(d.text),
    }));
    const { date: today, minutes } = localTime(now, campaign.timeZone);
    const settings = campaign.reminders;
    if (minutes >= minutesOf(settings.digestAt) && !isQuiet(minutes, settings.quietHours)) {
      const digest = boardDigest(campaign, units, reports, today);
      if (digest.overdue.length || digest.upcoming.length) {
        for (const board of await boardMembers()) {
          // A long digest (many late units) goes in parts under Telegram's 4096-character limit.
          splitLines(renderDigest(digest, board.lang, today), 4000).forEach((text, part) => {
            intents.push({
              key: `digest:${board.telegramId}:${today}:${part}`,
              kind: "digest",
              telegramId: board.telegramId,
              text,
            });
          });
        }
      }
    }
    return recordIntents(pool, intents, now);
  }

  function renderDigest(digest: ReturnType<typeof boardDigest>, lang: Lang, today: string): string {
    const lines = [translate(lang, "digest-title", { date: formatDmy(today) })];
    if (digest.overdue.length) {
      lines.push("", translate(lang, "digest-overdue"));
      for (const group of digest.overdue) {
        lines.push(`${milestoneName(group.milestone, lang)}:`);
        for (const u of group.units)
          lines.push(`• ${u.unit.code} ${u.unit.name} — ${translate(lang, "digest-days-late", { days: u.daysLate })}`);
      }
    }
    if (digest.upcoming.length) {
      lines.push("", translate(lang, "digest-upcoming", { days: campaign.reminders.digestAheadDays }));
      for (const u of digest.upcoming) {
        lines.push(
          `• ${u.unit.code} ${u.unit.name}: ${milestoneName(u.milestone, lang)} — ${formatDmy(u.deadline)} (${translate(lang, "digest-days-left", { days: u.daysLeft })})`,
        );
      }
    }
    return escapeHtml(lines.join("\n"));
  }

  async function alertBoard(key: string, build: (lang: Lang) => string): Promise<void> {
    const intents = (await boardMembers()).map((b) => ({
      key: `${key}:${b.telegramId}`,
      kind: "alert" as const,
      telegramId: b.telegramId,
      text: escapeHtml(build(b.lang)),
    }));
    await recordIntents(pool, intents, clock());
  }

  /** Sends what is pending, batch by batch, until nothing is left. Returns the number sent. */
  async function sendPending(): Promise<number> {
    let sent = 0;
    for (let round = 0; round < 100_000 && !stopping; round++) {
      const now = clock();
      const quiet = isQuiet(localTime(now, campaign.timeZone).minutes, campaign.reminders.quietHours);
      const batch = await claimDue(pool, now, CLAIM_PER_SEND, quiet ? ["broadcast", "alert"] : undefined);
      if (batch.length === 0) break;
      for (const delivery of batch) {
        if (await deliver(delivery)) sent++;
      }
    }
    return sent;
  }

  async function stillDue(delivery: Delivery): Promise<boolean> {
    // Someone found unreachable earlier in this batch gets nothing more.
    const blocked = await pool.query(
      "SELECT 1 FROM telegram_users WHERE telegram_id = $1 AND unreachable_at IS NOT NULL",
      [delivery.telegramId],
    );
    if ((blocked.rowCount ?? 0) > 0) return false;
    if ((delivery.kind !== "reminder" && delivery.kind !== "nudge") || !delivery.unitCode) return true;
    // Still a member of a still active unit, and the step still not reported.
    const { rowCount } = await pool.query(
      `SELECT 1 FROM unit_members m JOIN units u ON u.code = m.unit_code AND u.active
        WHERE m.telegram_id = $1 AND m.unit_code = $2 AND m.removed_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM report_events e WHERE e.unit_code = $2 AND e.milestone = $3)`,
      [delivery.telegramId, delivery.unitCode, delivery.milestone],
    );
    return (rowCount ?? 0) > 0;
  }

  async function deliver(delivery: Delivery): Promise<boolean> {
    const log = deps.logger?.child({ delivery_id: delivery.id, kind: delivery.kind });
    if (!(await stillDue(delivery))) {
      await markFinal(pool, delivery.id, "skipped", "reported before sending, or recipient unreachable");
      return false;
    }
    try {
      const { messageId } = await notifier.send(delivery.telegramId, delivery.text);
      await markSent(pool, delivery.id, messageId, clock());
      return true;
    } catch (error) {
      const e =
        error instanceof SendError
          ? error
          : new SendError("retry", error instanceof Error ? error.message : String(error));
      log?.warn({ err: e, attempts: delivery.attempts }, "delivery failed");
      if (e.kind === "blocked") {
        await markFinal(pool, delivery.id, "failed", e.message);
        await setReachable(pool, delivery.telegramId, false, clock());
        await skipPendingFor(pool, delivery.telegramId, "recipient unreachable");
        const person = (await people()).find((p) => p.telegramId === delivery.telegramId);
        await alertBoard(`alert:blocked:${delivery.telegramId}:${localTime(clock(), campaign.timeZone).date}`, (lang) =>
          translate(lang, "alert-blocked", {
            name: person?.name ?? String(delivery.telegramId),
            id: String(delivery.telegramId),
            unit: person?.unitCode ?? "—",
          }),
        );
        return false;
      }
      if (e.kind !== "fatal" && delivery.attempts < maxAttempts) {
        const delay = retryDelaysMs[Math.min(delivery.attempts - 1, retryDelaysMs.length - 1)]!;
        await markRetry(pool, delivery.id, e.message, new Date(clock().getTime() + delay));
        return false;
      }
      await markFinal(pool, delivery.id, "failed", e.message);
      if (delivery.kind !== "alert") {
        await alertBoard(`alert:failed:${delivery.id}`, (lang) =>
          translate(lang, "alert-failed", {
            id: String(delivery.telegramId),
            attempts: delivery.attempts,
            error: e.message.slice(0, 200),
          }),
        );
      }
      return false;
    }
  }

  let running: Promise<unknown> | undefined;
  let timer: NodeJS.Timeout | undefined;

  /** One pass: plan what is due, then send what is pending. Never overlaps itself. */
  async function tick(): Promise<{ planned: number; sent: number }> {
    if (running) await running.catch(() => undefined);
    const work = (async () => {
      const planned = await planDue();
      const sent = await sendPending();
      return { planned, sent };
    })();
    running = work;
    try {
      return await work;
    } finally {
      running = undefined;
    }
  }

  return {
    tick,
    planDue,
    sendPending,
    /** Wakes every `intervalMs` (default a minute); errors are logged, the next tick tries again. */
    start(intervalMs = 60_000) {
      const run = () => {
        tick().catch((error: unknown) => deps.logger?.error({ err: error }, "scheduler tick failed"));
      };
      run();
      timer = setInterval(run, intervalMs);
    },
    /** Stops after the message in flight: what is still pending stays pending for the next start. */
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
    /** What would be sent at `at` (nothing is recorded or sent): for `daihoi reminders preview`. */
    async preview(at: Date) {
      const { due } = await dueAt(at);
      const { rows } = await pool.query<{ dedupe_key: string }>(
        "SELECT dedupe_key FROM deliveries WHERE dedupe_key = ANY($1::text[])",
        [due.map((d) => d.key)],
      );
      const recorded = new Set(rows.map((r) => r.dedupe_key));
      return due
        .filter((d) => !recorded.has(d.key))
        .map((d) => ({
          unit: d.unitCode,
          telegram_id: d.telegramId,
          milestone: d.milestone.key,
          deadline: d.deadline,
          lead_days: d.leadDays,
          kind: d.kind,
          text: d.text,
        }));
    },
    /** Someone blocked or unblocked the bot (my_chat_member). */
    async setReachable(telegramId: number, reachable: boolean) {
      const changed = await setReachable(pool, telegramId, reachable, clock());
      if (!reachable) await skipPendingFor(pool, telegramId, "recipient unreachable");
      return changed;
    },
  };

  function renderAt(message: DueMessage, unit: Unit, lang: Lang, at: Date): string {
    const today = localTime(at, campaign.timeZone).date;
    const days = daysBetween(today, message.deadline);
    const vars = {
      unit: unit.name,
      milestone: milestoneName(message.milestone, lang),
      deadline: formatDmy(message.deadline),
      days: Math.abs(days),
      command: `/${message.milestone.command} ${translate(lang, "report-form-date")}`,
    };
    if (message.kind === "nudge") return translate(lang, "nudge-text", vars);
    return translate(lang, days === 0 ? "reminder-text-today" : "reminder-text", vars);
  }
}

/** Splits text at line ends into pieces of at most `maxChars` (a single longer line is cut). */
export function splitLines(text: string, maxChars: number): string[] {
  const parts: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    for (let piece = line; ;) {
      const head = piece.slice(0, maxChars);
      if (current && current.length + 1 + head.length > maxChars) {
        parts.push(current);
        current = "";
      }
      current = current ? `${current}\n${head}` : head;
      piece = piece.slice(maxChars);
      if (!piece) break;
    }
  }
  if (current) parts.push(current);
  return parts;
}

export type Scheduler = ReturnType<typeof createScheduler>;
