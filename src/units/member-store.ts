import { createHash, randomInt } from "node:crypto";
import { withTransaction, type Pool, type Queryable } from "../db/pool.ts";

export type Role = "secretary" | "deputy";

export type Membership = { telegramId: number; unitCode: string; role: Role; joinedAt: Date; name: string };

/** Who someone is to the bot: a Board member, a member of one unit, both, or neither. */
export type Person = { telegramId: number; board: boolean; membership: Membership | undefined };

export async function getPerson(q: Queryable, telegramId: number, adminIds: readonly number[]): Promise<Person> {
  const [board, membership] = await Promise.all([
    adminIds.includes(telegramId)
      ? Promise.resolve(true)
      : q
          .query("SELECT 1 FROM board_members WHERE telegram_id = $1 AND revoked_at IS NULL", [telegramId])
          .then((r) => (r.rowCount ?? 0) > 0),
    getMembership(q, telegramId),
  ]);
  return { telegramId, board, membership };
}

type MemberRow = { telegram_id: string; unit_code: string; role: Role; joined_at: Date; name: string | null };

const SELECT_MEMBER = `SELECT m.telegram_id, m.unit_code, m.role, m.joined_at,
                              coalesce(nullif(trim(u.first_name || ' ' || coalesce('@' || u.username, '')), ''),
                                       m.telegram_id::text) AS name
                         FROM unit_members m LEFT JOIN telegram_users u ON u.telegram_id = m.telegram_id
                        WHERE m.removed_at IS NULL`;

function toMembership(r: MemberRow): Membership {
  return {
    telegramId: Number(r.telegram_id),
    unitCode: r.unit_code,
    role: r.role,
    joinedAt: r.joined_at,
    name: r.name ?? "",
  };
}

export async function getMembership(q: Queryable, telegramId: number): Promise<Membership | undefined> {
  const { rows } = await q.query<MemberRow>(`${SELECT_MEMBER} AND m.telegram_id = $1`, [telegramId]);
  return rows[0] ? toMembership(rows[0]) : undefined;
}

export async function listMembers(q: Queryable, unitCode?: string): Promise<Membership[]> {
  const { rows } = await q.query<MemberRow>(
    `${SELECT_MEMBER} ${unitCode ? "AND m.unit_code = $1" : ""} ORDER BY m.unit_code, m.role DESC, m.joined_at`,
    unitCode ? [unitCode] : [],
  );
  return rows.map(toMembership);
}

/** Board rights for someone (again, if they were taken back). False if they had them already. */
export async function grantBoard(q: Queryable, telegramId: number, grantedBy: number, now: Date): Promise<boolean> {
  const { rowCount } = await q.query(
    `INSERT INTO board_members (telegram_id, granted_by, granted_at) VALUES ($1, $2, $3)
     ON CONFLICT (telegram_id) DO UPDATE
       SET granted_by = EXCLUDED.granted_by, granted_at = EXCLUDED.granted_at, revoked_at = NULL, revoked_by = NULL
       WHERE board_members.revoked_at IS NOT NULL`,
    [telegramId, grantedBy, now],
  );
  return (rowCount ?? 0) > 0;
}

/** Takes granted Board rights back (kept as history). False if they had none. */
export async function revokeBoard(
  q: Queryable,
  telegramId: number,
  revokedBy: number | null,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await q.query(
    "UPDATE board_members SET revoked_at = $3, revoked_by = $2 WHERE telegram_id = $1 AND revoked_at IS NULL",
    [telegramId, revokedBy, now],
  );
  return (rowCount ?? 0) > 0;
}

export type BoardMember = { telegramId: number; name: string; grantedAt: Date | null; fromEnvironment: boolean };

/** The Board: the configured ids and those granted (and not revoked), with their names. */
export async function listBoard(q: Queryable, adminIds: readonly number[]): Promise<BoardMember[]> {
  const { rows } = await q.query<{ telegram_id: string; name: string | null; granted_at: Date | null; env: boolean }>(
    `SELECT ids.telegram_id, nullif(trim(coalesce(u.first_name, '') || ' ' || coalesce('@' || u.username, '')), '') AS name,
            b.granted_at, ids.telegram_id = ANY($1::bigint[]) AS env
       FROM (SELECT unnest($1::bigint[]) AS telegram_id
              UNION SELECT telegram_id FROM board_members WHERE revoked_at IS NULL) ids
       LEFT JOIN telegram_users u ON u.telegram_id = ids.telegram_id
       LEFT JOIN board_members b ON b.telegram_id = ids.telegram_id AND b.revoked_at IS NULL
      ORDER BY ids.telegram_id`,
    [adminIds],
  );
  return rows.map((r) => ({
    telegramId: Number(r.telegram_id),
    name: r.name ?? String(r.telegram_id),
    grantedAt: r.granted_at,
    fromEnvironment: r.env,
  }));
}

/** Ends a person's membership (kept as history). Returns the unit they were removed from, if any. */
export async function removeMember(
  q: Queryable,
  telegramId: number,
  removedBy: number | null,
): Promise<string | undefined> {
  const { rows } = await q.query<{ unit_code: string }>(
    `UPDATE unit_members SET removed_at = now(), removed_by = $2 WHERE telegram_id = $1 AND removed_at IS NULL
     RETURNING unit_code`,
    [telegramId, removedBy],
  );
  // A guided report they had started is theirs no more.
  await q.query("DELETE FROM report_flows WHERE telegram_id = $1", [telegramId]);
  return rows[0]?.unit_code;
}

// No 0/O/1/I/L: codes are read aloud and typed from paper.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 10;

export function hashInviteCode(code: string): string {
  return createHash("sha256").update(code.trim().toUpperCase()).digest("hex");
}

export const DEFAULT_INVITE_DAYS = 7;

/** Creates a one-time invite; returns the code (shown once, stored only as a hash). */
export async function createInvite(
  q: Queryable,
  invite: { unitCode: string; role: Role; createdBy: number | null; now: Date; validDays?: number },
): Promise<{ code: string; expiresAt: Date; id: string; replaced: number }> {
  const code = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
  const expiresAt = new Date(invite.now.getTime() + (invite.validDays ?? DEFAULT_INVITE_DAYS) * 86_400_000);
  // One open code per unit and role: a new one replaces the earlier ones (a second "secretary" cannot join).
  const { rowCount } = await q.query(
    `UPDATE invites SET revoked_at = $4, revoked_by = $3
      WHERE unit_code = $1 AND role = $2 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $4`,
    [invite.unitCode, invite.role, invite.createdBy, invite.now],
  );
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO invites (code_hash, unit_code, role, created_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [hashInviteCode(code), invite.unitCode, invite.role, invite.createdBy, invite.now, expiresAt],
  );
  return { code, expiresAt, id: String(rows[0]!.id), replaced: rowCount ?? 0 };
}

export type RedeemResult =
  | { ok: true; unitCode: string; role: Role }
  | { ok: false; reason: "unknown" | "expired" | "used" | "revoked" | "already-member" };

/**
 * Redeems an invite: checks and marks it used and creates the membership in one transaction, the invite row
 * locked (FOR UPDATE) so two people racing with one code cannot both join.
 */
export async function redeemInvite(pool: Pool, code: string, telegramId: number, now: Date): Promise<RedeemResult> {
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{
      id: string;
      unit_code: string;
      role: Role;
      expires_at: Date;
      used_at: Date | null;
      used_by: string | null;
      revoked_at: Date | null;
    }>(
      "SELECT id, unit_code, role, expires_at, used_at, used_by, revoked_at FROM invites WHERE code_hash = $1 FOR UPDATE",
      [hashInviteCode(code)],
    );
    const invite = rows[0];
    if (!invite) return { ok: false, reason: "unknown" };
    // The same person with the same code again (the update handled again after a restart): joined already.
    if (invite.used_at && Number(invite.used_by) === telegramId) {
      const member = await getMembership(tx, telegramId);
      if (member?.unitCode === invite.unit_code) return { ok: true, unitCode: invite.unit_code, role: invite.role };
    }
    if (invite.used_at) return { ok: false, reason: "used" };
    if (invite.revoked_at) return { ok: false, reason: "revoked" };
    if (invite.expires_at.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
    const current = await getMembership(tx, telegramId);
    if (current) return { ok: false, reason: "already-member" };
    await tx.query("UPDATE invites SET used_by = $2, used_at = $3 WHERE id = $1", [invite.id, telegramId, now]);
    await tx.query(
      "INSERT INTO unit_members (telegram_id, unit_code, role, invite_id, joined_at) VALUES ($1, $2, $3, $4, $5)",
      [telegramId, invite.unit_code, invite.role, invite.id, now],
    );
    return { ok: true, unitCode: invite.unit_code, role: invite.role };
  });
}

/** Records an attempt to join with a code; returns how many wrong codes this person typed since `since`. */
export async function recordInviteAttempt(
  q: Queryable,
  telegramId: number,
  ok: boolean,
  now: Date,
  since: Date,
): Promise<number> {
  await q.query("INSERT INTO invite_attempts (telegram_id, ok, attempted_at) VALUES ($1, $2, $3)", [
    telegramId,
    ok,
    now,
  ]);
  return wrongInviteAttempts(q, telegramId, since);
}

export async function wrongInviteAttempts(q: Queryable, telegramId: number, since: Date): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM invite_attempts WHERE telegram_id = $1 AND NOT ok AND attempted_at > $2",
    [telegramId, since],
  );
  return rows[0]?.n ?? 0;
}

/** Whether someone ever wrote to the bot (a row made by the bot itself for an unreachable Board id has no name). */
export async function hasTalkedToBot(q: Queryable, telegramId: number): Promise<{ name: string } | undefined> {
  const { rows } = await q.query<{ name: string }>(
    `SELECT trim(first_name || ' ' || coalesce('@' || username, '')) AS name FROM telegram_users
      WHERE telegram_id = $1 AND first_name <> ''`,
    [telegramId],
  );
  return rows[0];
}

export type OpenInvite = { id: string; unitCode: string; role: Role; createdAt: Date; expiresAt: Date };

/** Codes not used, not revoked and not expired, per unit. */
export async function listOpenInvites(q: Queryable, now: Date, unitCode?: string): Promise<OpenInvite[]> {
  const { rows } = await q.query<{ id: string; unit_code: string; role: Role; created_at: Date; expires_at: Date }>(
    `SELECT id, unit_code, role, created_at, expires_at FROM invites
      WHERE used_at IS NULL AND revoked_at IS NULL AND expires_at > $1 AND ($2::text IS NULL OR unit_code = $2)
      ORDER BY unit_code, role`,
    [now, unitCode ?? null],
  );
  return rows.map((r) => ({
    id: String(r.id),
    unitCode: r.unit_code,
    role: r.role,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }));
}

/** Revokes one open code; returns its unit and role, or undefined when it was used, revoked or unknown. */
export async function revokeInvite(
  q: Queryable,
  id: string,
  by: number | null,
  now: Date,
): Promise<{ unitCode: string; role: Role } | undefined> {
  const { rows } = await q.query<{ unit_code: string; role: Role }>(
    `UPDATE invites SET revoked_at = $3, revoked_by = $2
      WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL RETURNING unit_code, role`,
    [id, by, now],
  );
  return rows[0] ? { unitCode: rows[0].unit_code, role: rows[0].role } : undefined;
}
