import { dateInZone } from "../dates.ts";
import { withTransaction, type Pool } from "../db/pool.ts";
import { UserError } from "../errors.ts";
import { cleanText } from "../text.ts";
import { listAudit, recordAudit, type AuditEvent } from "../units/audit-store.ts";
import {
  createInvite,
  grantBoard,
  hasTalkedToBot,
  listBoard,
  listMembers,
  listOpenInvites,
  recordInviteAttempt,
  redeemInvite,
  removeMember,
  revokeBoard,
  revokeInvite,
  wrongInviteAttempts,
  type BoardMember,
  type Membership,
  type OpenInvite,
  type Role,
} from "../units/member-store.ts";
import { getUnit, listUnits, type Unit } from "../units/unit-store.ts";

/** Wrong invite codes a person may type within INVITE_WINDOW_MS before further tries wait. */
export const MAX_WRONG_INVITES = 5;
const INVITE_WINDOW_MS = 15 * 60_000;

export type NewInvite = { code: string; unit: Unit; role: Role; expiresAt: Date };

/** Secretaries and deputies of the units, their invite codes, the Board's rights, and the audit of all of it. */
export function createMembersService(deps: {
  pool: Pool;
  clock: () => Date;
  timeZone: string;
  adminIds: readonly number[];
  botId?: number | undefined;
  /** Tells the Board (the outbox's alert), e.g. of someone trying code after code. */
  alertBoard: (key: string, notice: { key: string; vars: Record<string, string | number> }) => Promise<void>;
}) {
  const { pool, clock } = deps;

  async function invite(input: {
    unitCode: string;
    role: Role;
    by: number | null;
    validDays?: number;
  }): Promise<NewInvite> {
    const unit = await getUnit(pool, input.unitCode);
    if (!unit) throw new UserError("unit-unknown", { code: input.unitCode.toUpperCase().slice(0, 40) });
    const now = clock();
    return withTransaction(pool, async (tx) => {
      const made = await createInvite(tx, {
        unitCode: unit.code,
        role: input.role,
        createdBy: input.by,
        now,
        ...(input.validDays ? { validDays: input.validDays } : {}),
      });
      await recordAudit(tx, {
        at: now,
        actor: input.by,
        action: "invite.create",
        subject: unit.code,
        details: { role: input.role, invite: made.id, replaced: made.replaced },
      });
      return { code: made.code, unit, role: input.role, expiresAt: made.expiresAt };
    });
  }

  return {
    /** A one-time invite code for a unit's secretary or deputy (shown once, stored hashed); earlier open ones revoked. */
    invite,
    /**
     * A code for every active unit that has no registered member of `role` yet (one command for the whole
     * campaign); each replaces that unit's earlier open code for the role.
     */
    async inviteAll(input: { role: Role; by: number | null; validDays?: number }): Promise<NewInvite[]> {
      const [units, members] = await Promise.all([listUnits(pool, { activeOnly: true }), listMembers(pool)]);
      const covered = new Set(members.filter((m) => m.role === input.role).map((m) => m.unitCode));
      const out: NewInvite[] = [];
      for (const unit of units.filter((u) => !covered.has(u.code)))
        out.push(await invite({ ...input, unitCode: unit.code }));
      return out;
    },
    /** Codes not used, revoked or expired: per unit. */
    openInvites(unitCode?: string): Promise<OpenInvite[]> {
      return listOpenInvites(pool, clock(), unitCode?.toUpperCase());
    },
    async revokeInvite(input: { id: string; by: number | null }): Promise<{ unitCode: string; role: Role }> {
      const now = clock();
      return withTransaction(pool, async (tx) => {
        const revoked = await revokeInvite(tx, input.id, input.by, now);
        if (!revoked) throw new UserError("invite-revoke-none");
        await recordAudit(tx, {
          at: now,
          actor: input.by,
          action: "invite.revoke",
          subject: revoked.unitCode,
          details: { role: revoked.role, invite: input.id },
        });
        return revoked;
      });
    },
    /** Joins a unit with an invite code; UserError invite-unknown | -expired | -used | -revoked | -already-member | -throttled. */
    async redeem(input: { code: string; telegramId: number; name?: string }): Promise<{ unit: Unit; role: Role }> {
      const now = clock();
      const since = new Date(now.getTime() - INVITE_WINDOW_MS);
      // Codes are 10 letters from 31: guessing is hopeless, but only if nobody can try thousands a minute.
      if ((await wrongInviteAttempts(pool, input.telegramId, since)) >= MAX_WRONG_INVITES) {
        throw new UserError("invite-throttled", { minutes: INVITE_WINDOW_MS / 60_000 });
      }
      const result = await redeemInvite(pool, cleanText(input.code).slice(0, 64), input.telegramId, now);
      const wrong = await recordInviteAttempt(pool, input.telegramId, result.ok, now, since);
      if (!result.ok && wrong === MAX_WRONG_INVITES) {
        await deps.alertBoard(`alert:invite-burst:${input.telegramId}:${now.toISOString().slice(0, 13)}`, {
          key: "alert-invite-burst",
          vars: { name: input.name ?? String(input.telegramId), id: String(input.telegramId), count: wrong },
        });
      }
      if (!result.ok) throw new UserError(`invite-${result.reason}`);
      const unit = await getUnit(pool, result.unitCode);
      return { unit: unit!, role: result.role };
    },
    /** Ends someone's membership (kept as history); returns the unit they left. */
    async remove(input: { telegramId: number; by: number | null }): Promise<string> {
      const now = clock();
      return withTransaction(pool, async (tx) => {
        const unit = await removeMember(tx, input.telegramId, input.by);
        if (!unit) throw new UserError("remove-not-member", { id: String(input.telegramId) });
        await recordAudit(tx, {
          at: now,
          actor: input.by,
          action: "member.remove",
          subject: String(input.telegramId),
          details: { unit },
        });
        return unit;
      });
    },
    /** Who someone is before they are granted Board rights (a person who wrote to the bot); UserError otherwise. */
    async candidate(telegramId: number): Promise<{ telegramId: number; name: string; board: boolean }> {
      if (telegramId <= 0 || telegramId === deps.botId) throw new UserError("grant-invalid");
      const person = await hasTalkedToBot(pool, telegramId);
      if (!person) throw new UserError("grant-unknown", { id: String(telegramId) });
      const board = (await listBoard(pool, deps.adminIds)).some((b) => b.telegramId === telegramId);
      return { telegramId, name: person.name, board };
    },
    /** Board rights for someone who has written to the bot (not the bot itself); UserError otherwise. */
    async grantBoard(input: { telegramId: number; by: number }): Promise<{ name: string }> {
      if (input.telegramId <= 0 || input.telegramId === deps.botId) throw new UserError("grant-invalid");
      const person = await hasTalkedToBot(pool, input.telegramId);
      if (!person) throw new UserError("grant-unknown", { id: String(input.telegramId) });
      const now = clock();
      await withTransaction(pool, async (tx) => {
        if (await grantBoard(tx, input.telegramId, input.by, now))
          await recordAudit(tx, {
            at: now,
            actor: input.by,
            action: "board.grant",
            subject: String(input.telegramId),
            details: { name: person.name },
          });
      });
      return person;
    },
    /**
     * Takes granted Board rights back. The Board members of the configuration (ADMIN_TELEGRAM_IDS) are changed there,
     * not here; and the last Board member cannot be removed.
     */
    async revokeBoard(input: { telegramId: number; by: number | null }): Promise<void> {
      if (deps.adminIds.includes(input.telegramId))
        throw new UserError("revoke-configured", { id: String(input.telegramId) });
      const board = await listBoard(pool, deps.adminIds);
      if (!board.some((b) => b.telegramId === input.telegramId))
        throw new UserError("revoke-not-board", { id: String(input.telegramId) });
      if (board.length <= 1) throw new UserError("revoke-last");
      const now = clock();
      await withTransaction(pool, async (tx) => {
        await revokeBoard(tx, input.telegramId, input.by, now);
        await recordAudit(tx, { at: now, actor: input.by, action: "board.revoke", subject: String(input.telegramId) });
      });
    },
    board(): Promise<BoardMember[]> {
      return listBoard(pool, deps.adminIds);
    },
    list(unitCode?: string): Promise<Membership[]> {
      return listMembers(pool, unitCode?.toUpperCase());
    },
    /** Onboarding at a glance: units with a registered secretary, those without, who joined today. */
    async onboarding(): Promise<{ withSecretary: Unit[]; without: Unit[]; joinedToday: Membership[] }> {
      const [units, members] = await Promise.all([listUnits(pool, { activeOnly: true }), listMembers(pool)]);
      const covered = new Set(members.filter((m) => m.role === "secretary").map((m) => m.unitCode));
      const today = dateInZone(clock(), deps.timeZone);
      return {
        withSecretary: units.filter((u) => covered.has(u.code)),
        without: units.filter((u) => !covered.has(u.code)),
        joinedToday: members.filter((m) => dateInZone(m.joinedAt, deps.timeZone) === today),
      };
    },
    /** The audit, newest first, a page at a time. */
    audit(options: { offset: number; limit: number }): Promise<{ events: AuditEvent[]; total: number }> {
      return listAudit(pool, options);
    },
    /** Records an audit event for an action of another service (a broadcast sent, a report replaced). */
    async record(event: Parameters<typeof recordAudit>[1]): Promise<void> {
      await recordAudit(pool, event);
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
