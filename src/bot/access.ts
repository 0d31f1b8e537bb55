import { UserError } from "../errors.ts";
import type { Services } from "../services/index.ts";
import type { Membership, Person } from "../services/types.ts";
import type { BotContext } from "./context.ts";

export type AccessDeps = {
  services: Services;
  /** The dashboard's public address when its server is on (a Board member's menu button opens it). */
  dashboardUrl?: string | undefined;
};

/** Authorization is checked here, in server code, for every command and button — never by hiding buttons. */
export async function personOf(ctx: BotContext, deps: AccessDeps): Promise<Person> {
  if (!ctx.from) throw new UserError("access-denied");
  return deps.services.people.person(ctx.from.id);
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
