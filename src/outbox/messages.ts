import { z } from "zod";
import type { Lang } from "../config.ts";

/**
 * What the outbox stores: what to say, not how Telegram shows it. The bot renders a message at send time, in the
 * recipient's language of that moment (so a retried reminder says how many days are left *today*); escaping,
 * splitting and buttons are the renderer's business (src/bot/render/outbox.ts).
 */
const unitRef = z.object({ code: z.string(), name: z.string() });

/** The questions to the Board still open: how many, the oldest's age, the first few (issue 13). */
const openQuestionsSchema = z.object({
  open: z.number(),
  oldestDays: z.number(),
  items: z.array(z.object({ id: z.string(), unit: z.string().nullable(), question: z.string() })),
});

export type OpenQuestionsDigest = z.infer<typeof openQuestionsSchema>;

export const outboxMessageSchema = z.discriminatedUnion("type", [
  // A reminder before a deadline, or an overdue nudge after it.
  z.object({
    type: z.enum(["reminder", "nudge"]),
    unit: unitRef,
    milestone: z.string(),
    deadline: z.string(),
  }),
  // Everything due to one person at the sending hour, grouped by unit, each item with its buttons.
  z.object({
    type: z.literal("morning"),
    date: z.string(),
    items: z
      .array(
        z.object({
          key: z.string(),
          kind: z.enum(["reminder", "nudge"]),
          unit: unitRef,
          milestone: z.string(),
          deadline: z.string(),
        }),
      )
      .min(1),
  }),
  // The Board's morning digest: the campaign's headline as of `date` (the numbers; the bot renders it), and the
  // questions to the Board still open (issue 13).
  z.object({
    type: z.literal("digest"),
    date: z.string(),
    summary: z.record(z.string(), z.unknown()),
    questions: openQuestionsSchema.optional(),
  }),
  // Plain text — a broadcast someone wrote, or a reply the bot could not send at once — shown as it is, escaped,
  // with its buttons (callback data: ids only).
  z.object({
    type: z.literal("text"),
    text: z.string(),
    buttons: z.array(z.array(z.object({ text: z.string(), data: z.string() }))).optional(),
  }),
  // An answer to a question that could not be sent at once: rendered like any answer, with its 👍/👎 buttons.
  z.object({ type: z.literal("answer"), questionId: z.string().optional(), answer: z.record(z.string(), z.unknown()) }),
  // A message of the bot's own, by its i18n key and values (alerts to the Board, notices).
  z.object({
    type: z.literal("notice"),
    key: z.string(),
    vars: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  }),
  // Knowledge loop (issue 13). A new question to the Board, to each Board member: what the asker asked and what the
  // bot answered (a Board member answers by replying to this message).
  z.object({
    type: z.literal("kq-question"),
    id: z.string(),
    unit: unitRef.nullable(),
    asker: z.string(),
    question: z.string(),
    botAnswer: z.string(),
    askedAt: z.string(),
  }),
  // The Board's answer, to the asker.
  z.object({
    type: z.literal("kq-answer"),
    id: z.string(),
    question: z.string(),
    answer: z.string(),
    answeredOn: z.string(),
  }),
  // The open questions, in the morning (when there is no campaign digest that day to carry them).
  z.object({ type: z.literal("kq-digest"), date: z.string(), questions: openQuestionsSchema }),
  // A row written before this format existed: already Telegram HTML.
  z.object({ type: z.literal("html"), html: z.string() }),
]);

export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export type DeliveryKind = "reminder" | "nudge" | "digest" | "broadcast" | "alert" | "reply" | "notice";

/** An intent to send: recorded under `key` before anything is sent, so each goes at most once. */
export type NewDelivery = {
  key: string;
  kind: DeliveryKind;
  telegramId: number;
  message: OutboxMessage;
  unitCode?: string | null;
  milestone?: string | null;
  deadline?: string | null;
  leadDays?: number | null;
  /**
   * The keys of the items this message carries (a morning message): each item is recorded once, so it goes at
   * most once; items recorded before are left out, and a message left with none is not recorded.
   */
  items?: string[];
};

/** A delivery claimed for sending: its message and the recipient's language now. */
export type ClaimedDelivery = {
  id: string;
  key: string;
  kind: DeliveryKind;
  telegramId: number;
  lang: Lang;
  message: OutboxMessage;
  attempts: number;
};

/** What became of one send; recorded by the outbox service. */
export type SendOutcome =
  | { type: "sent"; messageId: number }
  | { type: "retry"; at: Date; error: string }
  | { type: "rate-limited"; until: Date; error: string }
  | { type: "blocked"; error: string }
  | { type: "failed"; error: string; attempts: number }
  /** Telegram may or may not have delivered it (a timeout): never sent again, shown to the Board. */
  | { type: "unknown"; error: string };
