import type { Pool } from "../db/pool.ts";
import { UserError } from "../errors.ts";
import { getPerson, type Membership, type Person } from "../units/member-store.ts";
import type { BotContext } from "./context.ts";

export type AccessDeps = { pool: Pool; adminIds: readonly number[] };

/** Authorization is checked here, in server code, for every command and button — never by hiding buttons. */
export async function personOf(ctx: BotContext, deps: AccessDeps): Promise<Person> {
  if (!ctx.from) throw new UserError("access-denied");
  return getPerson(deps.pool, ctx.from.id, deps.adminIds);
}

export async function requireBoard(ctx: BotContext, deps: AccessDeps): Promise<Person> {
  const person = await personOf(ctx, deps);
  if (!person.board) throw new UserError("access-board-only");
  return person;
}

/** A unit member, in a private chat (reports are personal and never made in a group). */
export async function requireMember(ctx: BotContext, deps: AccessDeps): Promise<Membership> {
  if (ctx.chat?.type !== "private") throw new UserError("access-private-only");
  const person = await personOf(ctx, deps);
  if (!person.membership) throw new UserError("access-not-member");
  return person.membership;
}
