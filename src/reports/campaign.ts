import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Lang } from "../config.ts";
import { AppError } from "../errors.ts";
import { ROOT_DIR } from "../paths.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");
const names = z.object({ vi: z.string().min(1), pl: z.string().min(1), en: z.string().min(1) });

const milestoneSchema = z.object({
  key: z.string().regex(/^[a-z_]{2,20}$/),
  command: z.string().regex(/^[a-z]{2,20}$/),
  /**
   * The steps that must come before this one (held after the drafts and the dossiers; filed after held): its date
   * may not be earlier than theirs, and once it is reported they are no longer reminded of. Steps with no
   * dependency between them may be reported in any order.
   */
  after: z.array(z.string()).optional(),
  /** Older campaign files: `ordered: true` meant "after the previous ordered step". Read as `after`. */
  ordered: z.boolean().optional(),
  future: z.enum(["allowed", "forbidden"]),
  names,
  /** A label for buttons and one-line summaries (the full name goes in the message text). */
  short: z.object({ vi: z.string().min(1).max(24), pl: z.string().min(1).max(24), en: z.string().min(1).max(24) }),
  fields: z.array(z.enum(["members_elected", "secretary_elected", "delegates_elected"])).default([]),
  deadline: z
    .object({
      from: z.string().optional(),
      offsetDays: z.number().int().optional(),
      fixed: isoDate.optional(),
      ours: z.boolean().default(false),
      note: z.string().optional(),
    })
    .optional(),
});

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time written HH:MM");

const remindersSchema = z.object({
  leadDays: z.array(z.number().int().min(0).max(60)).min(1),
  sendAt: clockTime,
  quietHours: z.object({ from: clockTime, to: clockTime }),
  digestAt: clockTime,
  digestAheadDays: z.number().int().min(0).max(30),
  nudgeOverdue: z.boolean(),
});

const campaignSchema = z.object({
  timeZone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "must be an IANA time zone such as Asia/Ho_Chi_Minh"),
  /** Report dates outside this window are refused as typos (a 2000 or 2100 date), with the window named. */
  reportWindow: z
    .object({ from: isoDate, to: isoDate, ours: z.boolean().default(false), note: z.string().optional() })
    .default({ from: "2024-06-01", to: "2026-12-31", ours: true }),
  milestones: z.array(milestoneSchema).min(1),
  committeeSize: z.object({
    cell: z.object({ min: z.number().int().min(1), max: z.number().int() }),
    committee: z.object({ min: z.number().int().min(1), max: z.number().int() }),
  }),
  reminders: remindersSchema,
});

export type Campaign = Omit<z.infer<typeof campaignSchema>, "milestones"> & { milestones: Milestone[] };
export type Milestone = Omit<z.infer<typeof milestoneSchema>, "after" | "ordered"> & { after: string[] };
export type ReminderSettings = z.infer<typeof remindersSchema>;

export const CAMPAIGN_PATH = join(ROOT_DIR, "src", "reports", "campaign.json");

/** Reads and checks the campaign file; an error names the file and the field. */
export function loadCampaign(path = CAMPAIGN_PATH): Campaign {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new AppError(`Campaign file ${path} cannot be read as JSON.`, { cause: error });
  }
  const parsed = campaignSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new AppError(`Campaign file ${path}: ${problems}`);
  }
  const keys = new Set<string>();
  let previousOrdered: string | undefined;
  const milestones: Milestone[] = parsed.data.milestones.map(({ ordered, after, ...m }) => {
    const derived = after ?? (ordered && previousOrdered ? [previousOrdered] : []);
    if (ordered) previousOrdered = m.key;
    return { ...m, after: derived };
  });
  for (const m of milestones) {
    if (keys.has(m.key)) throw new AppError(`Campaign file ${path}: milestone key "${m.key}" appears twice`);
    keys.add(m.key);
    if (m.deadline?.from && !parsed.data.milestones.some((o) => o.key === m.deadline!.from)) {
      throw new AppError(`Campaign file ${path}: milestones.${m.key}.deadline.from names no milestone`);
    }
    for (const dep of m.after) {
      if (!parsed.data.milestones.some((o) => o.key === dep))
        throw new AppError(`Campaign file ${path}: milestones.${m.key}.after names no milestone "${dep}"`);
    }
  }
  const campaign = { ...parsed.data, milestones };
  for (const m of milestones) {
    if (prerequisites(campaign, m.key).has(m.key))
      throw new AppError(`Campaign file ${path}: milestones.${m.key}.after makes a cycle`);
  }
  return campaign;
}

/** Every step that must come before `key`, directly or through others. */
export function prerequisites(campaign: Pick<Campaign, "milestones">, key: string): Set<string> {
  const out = new Set<string>();
  const visit = (k: string) => {
    for (const dep of campaign.milestones.find((m) => m.key === k)?.after ?? []) {
      if (out.has(dep)) continue;
      out.add(dep);
      visit(dep);
    }
  };
  visit(key);
  return out;
}

/** Every step that comes after `key`, directly or through others. */
export function dependents(campaign: Pick<Campaign, "milestones">, key: string): Set<string> {
  return new Set(campaign.milestones.filter((m) => prerequisites(campaign, m.key).has(key)).map((m) => m.key));
}

export function milestoneName(m: Milestone, lang: Lang): string {
  return m.names[lang];
}

export function milestoneShort(m: Milestone, lang: Lang): string {
  return m.short[lang];
}
