import type { Pool } from "../db/pool.ts";
import { UserError } from "../errors.ts";
import { cleanText } from "../text.ts";
import {
  createInvite,
  grantBoard,
  hasTalkedToBot,
  listMembers,
  recordInviteAttempt,
  redeemInvite,
  removeMember,
  wrongInviteAttempts,
  type Membership,
  type Role,
} from "../units/member-store.ts";
import { getUnit, type Unit } from "../units/unit-store.ts";

/** Wrong invite codes a person may type within INVITE_WINDOW_MS before further tries wait. */
export const MAX_WRONG_INVITES = 5;
const INVITE_WINDOW_MS = 15 * 60_000;

/** Secretaries and deputies of the units, their invite codes, and the Board's rights. */
export function createMembersService(deps: {
  pool: Pool;
  clock: () => Date;
  botId?: number | undefined;
  /** Tells the Board (the outbox's alert), e.g. of someone trying code after code. */
  alertBoard: (key: string, notice: { key: string; vars: Record<string, string | number> }) => Promise<void>;
}) {
  const { pool, clock } = deps;
  return {
    /** A one-time invite code for a unit's secretary or deputy (shown once, stored hashed). */
    async invite(input: { unitCode: string; role: Role; by: number | null }): Promise<{
      code: string;
      unit: Unit;
      role: Role;
      expiresAt: Date;
    }> {
      const unit = await getUnit(pool, input.unitCode);
      if (!unit) throw new UserError("unit-unknown", { code: input.unitCode.toUpperCase().slice(0, 40) });
      const invite = await createInvite(pool, {
        unitCode: unit.code,
        role: input.role,
        createdBy: input.by,
        now: clock(),
      });
      return { code: invite.code, unit, role: input.role, expiresAt: invite.expiresAt };
    },
    /** Joins a unit with an invite code; UserError invite-unknown | invite-expired | invite-used | invite-already-member. */
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
      const unit = await removeMember(pool, input.telegramId, input.by);
      if (!unit) throw new UserError("remove-not-member", { id: String(input.telegramId) });
      return unit;
    },
    /** Board rights for someone who has written to the bot (not the bot itself); UserError otherwise. */
    async grantBoard(input: { telegramId: number; by: number }): Promise<{ name: string }> {
      if (input.telegramId <= 0 || input.telegramId === deps.botId) throw new UserError("grant-invalid");
      const person = await hasTalkedToBot(pool, input.telegramId);
      if (!person) throw new UserError("grant-unknown", { id: String(input.telegramId) });
      await grantBoard(pool, input.telegramId, input.by);
      return person;
    },
    list(unitCode?: string): Promise<Membership[]> {
      return listMembers(pool, unitCode?.toUpperCase());
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
