import { randomBytes } from "node:crypto";
import { dateInZone } from "../dates.ts";
import {
  consumeLoginToken,
  deleteDashboardToken,
  deletePersonTokens,
  inboxHealth,
  pruneDashboardTokens,
  sessionPerson,
  storeDashboardToken,
} from "../db/dashboard-token-store.ts";
import type { Pool } from "../db/pool.ts";
import { UserError } from "../errors.ts";
import { latestQuestionGaps, questionGapWeeks } from "../rag/qa-stats-store.ts";
import type { Campaign } from "../reports/campaign.ts";
import { currentReports } from "../reports/report-store.ts";
import { burnUp, campaignStatuses, summarize, type StepState } from "../reports/views.ts";
import { getPerson, listMembers } from "../units/member-store.ts";
import type { KnowledgeStats } from "./knowledge.ts";
import { listUnits } from "../units/unit-store.ts";

export const LOGIN_LINK_TTL_MS = 10 * 60_000;
export const SESSION_TTL_MS = 12 * 3_600_000;
const GAP_WEEKS = 12;
const GAP_LATEST = 20;

/** One unit in the dashboard's table: every step's state, and the most days late of any step. */
export type DashboardUnitRow = {
  code: string;
  name: string;
  type: string;
  model: boolean;
  secretary: boolean;
  /** Per step, in the campaign's order: state, days late or left, the deadline or the date. */
  steps: { key: string; state: StepState; days?: number | undefined; date?: string | undefined }[];
  maxDaysLate: number;
};

/**
 * The Board's dashboard: the whole campaign in one read (the same views as /progress and the export), one unit's
 * card, the corpus's gaps, and who may look: one-time login links and browser sessions. Nothing here knows HTTP.
 */
export function createDashboardService(deps: {
  pool: Pool;
  campaign: Campaign;
  adminIds: readonly number[];
  clock: () => Date;
  /** The knowledge loop's weekly figures (the same as /questions stats). */
  knowledgeStats?: () => Promise<KnowledgeStats>;
}) {
  const { pool, campaign, clock } = deps;
  const today = () => dateInZone(clock(), campaign.timeZone);
  const isBoard = async (telegramId: number) => (await getPerson(pool, telegramId, deps.adminIds)).board;

  return {
    /** True when `telegramId` has Board rights now. */
    isBoard,
    /** A one-time login token for a Board member, valid 10 minutes. The token is returned once, stored hashed. */
    async loginToken(telegramId: number): Promise<{ token: string; expiresAt: Date }> {
      if (!(await isBoard(telegramId))) throw new UserError("access-board-only");
      const now = clock();
      const token = randomBytes(32).toString("base64url");
      const expiresAt = new Date(now.getTime() + LOGIN_LINK_TTL_MS);
      await storeDashboardToken(pool, { token, kind: "login", telegramId, now, expiresAt });
      await pruneDashboardTokens(pool, now);
      return { token, expiresAt };
    },
    /** Trades a login token (once) for a session token; undefined for a used, expired or unknown token. */
    async startSession(loginToken: string): Promise<{ token: string; expiresAt: Date } | undefined> {
      const now = clock();
      const telegramId = await consumeLoginToken(pool, loginToken, now);
      if (telegramId === undefined || !(await isBoard(telegramId))) return undefined;
      const token = randomBytes(32).toString("base64url");
      const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
      await storeDashboardToken(pool, { token, kind: "session", telegramId, now, expiresAt });
      return { token, expiresAt };
    },
    /**
     * The person of a live session who still has Board rights. A session whose person lost them is ended (with
     * every other session and link of theirs): "none" then, as for an unknown or expired one.
     */
    async sessionOwner(sessionToken: string): Promise<number | undefined> {
      const telegramId = await sessionPerson(pool, sessionToken, clock());
      if (telegramId === undefined) return undefined;
      if (await isBoard(telegramId)) return telegramId;
      await deletePersonTokens(pool, telegramId);
      return undefined;
    },
    async endSession(sessionToken: string): Promise<void> {
      await deleteDashboardToken(pool, sessionToken);
    },
    /** The whole campaign: the headline, the burn-up (per day too), every active unit's row, the corpus's gaps. */
    async overview() {
      const [units, reports, members, weeks, latest, knowledge] = await Promise.all([
        listUnits(pool),
        currentReports(pool),
        listMembers(pool),
        questionGapWeeks(pool, { now: clock(), timeZone: campaign.timeZone, weeks: GAP_WEEKS }),
        latestQuestionGaps(pool, GAP_LATEST),
        deps.knowledgeStats ? deps.knowledgeStats() : Promise.resolve(undefined),
      ]);
      const date = today();
      const data = { units, reports, members };
      const summary = summarize(campaign, data, date, (d) => dateInZone(d, campaign.timeZone));
      const curve = burnUp(data, date);
      const secretaries = new Set(members.filter((m) => m.role === "secretary").map((m) => m.unitCode));
      const rows: DashboardUnitRow[] = campaignStatuses(campaign, units, reports, date).map(({ unit, steps }) => ({
        code: unit.code,
        name: unit.name,
        type: unit.type,
        model: unit.model,
        secretary: secretaries.has(unit.code),
        steps: steps.map((s) => ({
          key: s.milestone.key,
          state: s.state,
          ...(s.days !== undefined ? { days: s.days } : {}),
          ...((s.date ?? s.deadline) ? { date: s.date ?? s.deadline } : {}),
        })),
        maxDaysLate: Math.max(0, ...steps.map((s) => (s.state === "late" ? (s.days ?? 0) : 0))),
      }));
      return {
        summary,
        burnUp: { ...curve, perDay: curve.held.map((n, i) => n - (i > 0 ? curve.held[i - 1]! : 0)) },
        units: rows,
        gaps: { weeks, latest },
        ...(knowledge ? { knowledge } : {}),
      };
    },
    /**
     * For /healthz: the database answers, when the last update was handled, the oldest one waiting, and how many
     * deliveries of the last week have an unknown outcome.
     */
    async health(): Promise<{ lastDoneAt: Date | null; oldestWaitingAt: Date | null; unknownDeliveries: number }> {
      // Deliveries of the last 7 days whose send timed out: Telegram may or may not have them (never sent again).
      return inboxHealth(pool, new Date(clock().getTime() - 7 * 86_400_000));
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
