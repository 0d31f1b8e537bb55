import type { Pool } from "../db/pool.ts";
import { UserError } from "../errors.ts";
import {
  createInvite,
  grantBoard,
  listMembers,
  redeemInvite,
  removeMember,
  type Membership,
  type Role,
} from "../units/member-store.ts";
import { getUnit, type Unit } from "../units/unit-store.ts";

/** Secretaries and deputies of the units, their invite codes, and the Board's rights. */
export function createMembersService(deps: { pool: Pool; clock: () => Date }) {
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
    async redeem(input: { code: string; telegramId: number }): Promise<{ unit: Unit; role: Role }> {
      const result = await redeemInvite(pool, input.code, input.telegramId, clock());
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
    async grantBoard(input: { telegramId: number; by: number }): Promise<void> {
      await grantBoard(pool, input.telegramId, input.by);
    },
    list(unitCode?: string): Promise<Membership[]> {
      return listMembers(pool, unitCode?.toUpperCase());
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
