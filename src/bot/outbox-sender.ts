import type { Api } from "grammy";
import type { Logger } from "../logger.ts";
import type { Campaign } from "../reports/campaign.ts";
import type { OutboxService } from "../services/outbox.ts";
import type { Translate } from "../translate.ts";
import type { Limiter } from "./dispatch/limiter.ts";
import { DEFAULT_RETRY_POLICY, outcomeOf, type RetryPolicy } from "./dispatch/send-policy.ts";
import { withChatSlot } from "./dispatch/transformer.ts";
import { renderOutboxMessage, toInlineKeyboard } from "./render-outbox.ts";

export type OutboxSenderDeps = {
  outbox: OutboxService;
  api: Api;
  limiter: Limiter;
  campaign: Campaign;
  translate: Translate;
  clock: () => Date;
  logger?: Logger | undefined;
  retryPolicy?: RetryPolicy;
  /** Deliveries handed to the limiter at a time (each chat's oldest first, so a batch spans many chats). */
  batchSize?: number;
};

/**
 * Sends what the outbox holds, through the process's one limiter: many chats at once, each chat in order, so a
 * chat waiting out its 1-second gap never holds up the others. Each delivery is claimed in its chat's turn, right
 * before its send (a crash leaves at most the sends in flight in doubt), rendered at that moment, and settled
 * by the send policy.
 */
export function createOutboxSender(deps: OutboxSenderDeps) {
  const { outbox, api, limiter, clock } = deps;
  const batchSize = deps.batchSize ?? 100;
  const lowWater = Math.floor(batchSize / 2);
  const inFlight = new Set<string>();
  let stopping = false;
  const waiters: (() => void)[] = [];
  const stats = { sent: 0, failed: 0 };

  function waitForChange(): Promise<void> {
    return new Promise<void>((resolve) => waiters.push(resolve));
  }
  function notify() {
    for (const resolve of waiters.splice(0)) resolve();
  }

  async function sendOne(id: string, chatId: number): Promise<void> {
    await withChatSlot(limiter, chatId, async () => {
      if (stopping) return; // not claimed: stays pending for the next start
      const delivery = await outbox.claim(id);
      if (!delivery) return;
      const { parts, buttons } = renderOutboxMessage(delivery.message, {
        lang: delivery.lang,
        now: clock(),
        campaign: deps.campaign,
        translate: deps.translate,
      });
      try {
        let messageId = 0;
        for (const [i, html] of parts.entries()) {
          const last = i === parts.length - 1;
          const message = await api.sendMessage(delivery.telegramId, html, {
            parse_mode: "HTML",
            link_preview_options: { is_disabled: true },
            ...(last && buttons ? { reply_markup: toInlineKeyboard(buttons) } : {}),
          });
          messageId = message.message_id;
        }
        stats.sent++;
        await outbox.settle(delivery, { type: "sent", messageId });
      } catch (error) {
        stats.failed++;
        await outbox.settle(
          delivery,
          outcomeOf(error, delivery.attempts, clock(), deps.retryPolicy ?? DEFAULT_RETRY_POLICY),
        );
      }
    });
  }

  // When this sender last handed each chat a message: chats served least recently go first, so every secretary
  // gets the wave's first message before anyone gets a second.
  const lastServed = new Map<number, number>();
  let served = 0;
  const busyChats = new Map<number, number>();

  /** Sends until nothing due is left. Returns the number of messages sent by this pass. */
  async function drain(): Promise<number> {
    const before = stats.sent;
    for (;;) {
      if (stopping) break;
      const room = batchSize - inFlight.size;
      const candidates =
        room > 0
          ? (await outbox.candidates([...busyChats.keys()]))
              .sort((a, b) => (lastServed.get(a.telegramId) ?? -1) - (lastServed.get(b.telegramId) ?? -1))
              .slice(0, room)
          : [];
      for (const c of candidates) {
        inFlight.add(c.id);
        lastServed.set(c.telegramId, ++served);
        busyChats.set(c.telegramId, (busyChats.get(c.telegramId) ?? 0) + 1);
        sendOne(c.id, c.telegramId)
          .catch((error: unknown) => deps.logger?.error({ err: error, delivery_id: c.id }, "sending a delivery failed"))
          .finally(() => {
            inFlight.delete(c.id);
            const n = (busyChats.get(c.telegramId) ?? 1) - 1;
            if (n > 0) busyChats.set(c.telegramId, n);
            else busyChats.delete(c.telegramId);
            notify();
          });
      }
      if (candidates.length === 0 && inFlight.size === 0) break;
      // Refill when half the batch is done; with nothing more due, look again once the batch is through.
      const target = candidates.length ? lowWater : 0;
      while (inFlight.size > target) await waitForChange();
    }
    while (inFlight.size > 0) await waitForChange();
    return stats.sent - before;
  }

  return {
    stats,
    drain,
    /** Stops claiming; what is claimed finishes its send. What is still pending stays for the next start. */
    async stop(): Promise<void> {
      stopping = true;
      while (inFlight.size > 0) await waitForChange();
    },
    resume() {
      stopping = false;
    },
  };
}

export type OutboxSender = ReturnType<typeof createOutboxSender>;
