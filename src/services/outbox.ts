import type { Lang } from "../config.ts";
import { localTime } from "../dates.ts";
import type { Pool } from "../db/pool.ts";
import { languagesOf, reachableBoard, reachableMembers, setReachable } from "../db/telegram-store.ts";
import type { Logger } from "../logger.ts";
import {
  claimDelivery,
  listCandidates,
  markFinal,
  markRetry,
  markSent,
  recordIntents,
  recordPlanned,
  reapStuckSending,
  recordedItems,
  recordedKeys,
  stillDueItems,
  deliveryByMessage,
  recentMorningMessages,
  skipPendingFor,
  type Candidate,
} from "../outbox/delivery-store.ts";
import {
  outboxMessageSchema,
  type ClaimedDelivery,
  type DeliveryKind,
  type NewDelivery,
  type SendOutcome,
} from "../outbox/messages.ts";
import { isQuiet, planDeliveries } from "../reminders/schedule.ts";
import type { Campaign } from "../reports/campaign.ts";
import { currentReports } from "../reports/report-store.ts";
import { listExpected } from "../reports/expected-store.ts";
import { getMembership, listMembers } from "../units/member-store.ts";
import { listUnits } from "../units/unit-store.ts";
import type { KnowledgeService } from "./knowledge.ts";

/** A send takes at most the Bot API client's timeout (30 s); a claim older than this was never settled. */
const STUCK_AFTER_MS = 5 * 60_000;

/** In quiet hours only what cannot wait goes out: the Board's own broadcasts and alerts, and replies to people who wrote. */
const QUIET_HOURS_KINDS: DeliveryKind[] = ["broadcast", "alert", "reply"];

/**
 * The outbox: messages the bot sends on its own (reminders, nudges, the Board's digest, broadcasts, alerts).
 * Each is recorded under a unique key before it is sent, claimed right before the send, and settled after it:
 * at most once per key, across crashes and instances. Sending itself is the bot's (src/bot/outbox-sender.ts).
 */
export function createOutboxService(deps: {
  pool: Pool;
  campaign: Campaign;
  adminIds: readonly number[];
  clock: () => Date;
  logger?: Logger | undefined;
  /** New deliveries to send now were recorded: wakes the sender. */
  onQueued?: (() => void) | undefined;
  /** Adds the open questions to the Board to the morning digest (issue 13). */
  gatherQuestions?: KnowledgeService["gatherIntoDigest"] | undefined;
}) {
  const { pool, campaign, clock } = deps;

  /** What is due at `at` for everyone reachable: reminders, nudges and (from its hour) the Board's digest. */
  async function planAt(at: Date): Promise<NewDelivery[]> {
    const [units, recipients, reports, board, members, expected] = await Promise.all([
      listUnits(pool, { activeOnly: true }),
      reachableMembers(pool),
      currentReports(pool),
      reachableBoard(pool, deps.adminIds),
      listMembers(pool),
      listExpected(pool),
    ]);
    const planned = planDeliveries(campaign, { units, recipients, reports, board, members, expected }, at);
    return deps.gatherQuestions ? deps.gatherQuestions(planned, board, at, campaign.reminders) : planned;
  }

  async function alertBoard(key: string, notice: { key: string; vars: Record<string, string | number> }) {
    const board = await reachableBoard(pool, deps.adminIds);
    await recordIntents(
      pool,
      board.map((b) => ({
        key: `${key}:${b.telegramId}`,
        kind: "alert" as const,
        telegramId: b.telegramId,
        message: { type: "notice" as const, ...notice },
      })),
      clock(),
    );
  }

  return {
    /** Records what is due now. Returns the number of new intents. Idempotent: planning twice records nothing more. */
    async planDue(): Promise<number> {
      const now = clock();
      return recordPlanned(pool, await planAt(now), now);
    },
    /** What planning at `at` would add (nothing is recorded), each with its recipient's language: for previews. */
    async preview(at: Date): Promise<(NewDelivery & { lang: Lang })[]> {
      const planned = await planAt(at);
      const recorded = await recordedKeys(
        pool,
        planned.map((p) => p.key),
      );
      const items = await recordedItems(
        pool,
        planned.flatMap((p) => p.items ?? []),
      );
      // A morning message shows only what was not recorded before.
      const fresh = planned
        .filter((p) => !recorded.has(p.key))
        .map((p) =>
          p.message.type === "morning"
            ? { ...p, message: { ...p.message, items: p.message.items.filter((i) => !items.has(i.key)) } }
            : p,
        )
        .filter((p) => p.message.type !== "morning" || p.message.items.length > 0);
      const langs = await languagesOf(pool, [...new Set(fresh.map((p) => p.telegramId))]);
      return fresh.map((p) => ({ ...p, lang: langs.get(p.telegramId) ?? "vi" }));
    },
    /** Records intents to send now (replies, notices); keys already recorded are ignored. Wakes the sender. */
    async enqueue(intents: NewDelivery[]): Promise<number> {
      const created = await recordIntents(pool, intents, clock());
      if (created > 0) deps.onQueued?.();
      return created;
    },
    /**
     * The next delivery due now of each chat that has one, except `busyChats` (those with one on its way); only
     * urgent kinds in quiet hours.
     */
    candidates(busyChats: number[] = []): Promise<Candidate[]> {
      const now = clock();
      const quiet = isQuiet(localTime(now, campaign.timeZone).minutes, campaign.reminders.quietHours);
      return listCandidates(pool, now, { kinds: quiet ? QUIET_HOURS_KINDS : undefined, busyChats });
    },
    /**
     * Claims one delivery for sending now. Undefined when another sender has it, or when it is no longer worth
     * sending (recorded as skipped): the recipient became unreachable, left the unit, or the step was reported.
     */
    async claim(id: string): Promise<ClaimedDelivery | undefined> {
      const claimed = await claimDelivery(pool, id, clock());
      if (!claimed) return undefined;
      if (!claimed.stillDue) {
        await markFinal(pool, claimed.id, "skipped", "reported before sending, or recipient unreachable");
        return undefined;
      }
      const { stillDue: _stillDue, ...delivery } = claimed;
      if (delivery.message.type === "morning") {
        // Items reported (or whose unit the person left) since planning are left out; none left: not sent.
        const due = await stillDueItems(pool, delivery.telegramId, delivery.message.items);
        const items = delivery.message.items.filter((_, i) => due[i]);
        if (items.length === 0) {
          await markFinal(pool, claimed.id, "skipped", "every step reported before sending, or recipient left");
          return undefined;
        }
        return { ...delivery, message: { ...delivery.message, items } };
      }
      return delivery;
    },
    /** Records what became of a send, and its consequences (the Board told of what could not be delivered). */
    async settle(delivery: ClaimedDelivery, outcome: SendOutcome): Promise<void> {
      const now = clock();
      const log = deps.logger?.child({ delivery_id: delivery.id, kind: delivery.kind });
      switch (outcome.type) {
        case "sent":
          await markSent(pool, delivery.id, outcome.messageId, now);
          return;
        case "rate-limited":
          await markRetry(pool, delivery.id, outcome.error, outcome.until, false);
          return;
        case "retry":
          log?.warn({ error: outcome.error, attempts: delivery.attempts }, "delivery failed; will retry");
          await markRetry(pool, delivery.id, outcome.error, outcome.at);
          return;
        case "blocked": {
          log?.warn({ error: outcome.error }, "recipient unreachable");
          await markFinal(pool, delivery.id, "failed", outcome.error);
          await setReachable(pool, delivery.telegramId, false, now);
          await skipPendingFor(pool, delivery.telegramId, "recipient unreachable");
          const member = await getMembership(pool, delivery.telegramId);
          await alertBoard(`alert:blocked:${delivery.telegramId}:${localTime(now, campaign.timeZone).date}`, {
            key: "alert-blocked",
            vars: {
              name: member?.name ?? String(delivery.telegramId),
              id: String(delivery.telegramId),
              unit: member?.unitCode ?? "—",
            },
          });
          return;
        }
        case "failed":
          log?.warn({ error: outcome.error, attempts: outcome.attempts }, "delivery failed for good");
          await markFinal(pool, delivery.id, "failed", outcome.error);
          if (delivery.kind !== "alert") {
            await alertBoard(`alert:failed:${delivery.id}`, {
              key: "alert-failed",
              vars: { id: String(delivery.telegramId), attempts: outcome.attempts, error: outcome.error.slice(0, 200) },
            });
          }
          return;
        case "unknown":
          log?.warn({ error: outcome.error }, "delivery outcome unknown; not sent again");
          await markFinal(pool, delivery.id, "unknown", outcome.error);
          if (delivery.kind !== "alert") {
            await alertBoard(`alert:unknown:${delivery.id}`, {
              key: "alert-unknown",
              vars: { id: String(delivery.telegramId), error: outcome.error.slice(0, 200) },
            });
          }
          return;
      }
    },
    /**
     * Deliveries still "sending" minutes after their claim (the process was killed mid-send) become unknown —
     * never sent again — and the Board is told of each. Returns how many.
     */
    async reapStuck(olderThanMs = STUCK_AFTER_MS): Promise<number> {
      const stuck = await reapStuckSending(pool, clock(), olderThanMs);
      for (const d of stuck) {
        deps.logger?.warn({ delivery_id: d.id }, "delivery left sending by a stopped process: outcome unknown");
        if (d.kind !== "alert")
          await alertBoard(`alert:stuck:${d.id}`, { key: "alert-stuck", vars: { id: String(d.telegramId) } });
      }
      return stuck.length;
    },
    alertBoard,
    /**
     * The reminder items a person may be answering in free text, still open: those of the morning message they
     * replied to (`messageId`), or else of their morning messages of the last three days.
     */
    async openReminderItems(telegramId: number, messageId?: number) {
      let messages: unknown[];
      if (messageId !== undefined) {
        const d = await deliveryByMessage(pool, telegramId, messageId);
        messages = d ? [d.message] : [];
      } else {
        messages = await recentMorningMessages(pool, telegramId, new Date(clock().getTime() - 3 * 86_400_000));
      }
      const items = new Map<string, { unitCode: string; milestone: string }>();
      for (const raw of messages) {
        const parsed = outboxMessageSchema.safeParse(raw);
        if (!parsed.success || parsed.data.type !== "morning") continue;
        for (const item of parsed.data.items) {
          items.set(`${item.unit.code}:${item.milestone}`, { unitCode: item.unit.code, milestone: item.milestone });
        }
      }
      const list = [...items.values()];
      const due = await stillDueItems(
        pool,
        telegramId,
        list.map((i) => ({ unit: { code: i.unitCode }, milestone: i.milestone })),
      );
      return { repliedToReminder: messages.length > 0, items: list.filter((_, i) => due[i]) };
    },
  };
}

export type OutboxService = ReturnType<typeof createOutboxService>;
