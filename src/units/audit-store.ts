import type { Queryable } from "../db/pool.ts";

export type AuditAction =
  | "board.grant"
  | "board.revoke"
  | "invite.create"
  | "invite.revoke"
  | "member.remove"
  | "broadcast.send"
  | "report.replace"
  | "report.expected";

export type AuditEvent = {
  id: string;
  at: Date;
  actor: number | null;
  action: AuditAction;
  subject: string;
  details: Record<string, unknown>;
};

/** Appends an audit event (who, when, what). Never updated, never deleted. */
export async function recordAudit(
  q: Queryable,
  event: { at: Date; actor: number | null; action: AuditAction; subject: string; details?: Record<string, unknown> },
): Promise<void> {
  await q.query("INSERT INTO audit_events (at, actor, action, subject, details) VALUES ($1, $2, $3, $4, $5)", [
    event.at,
    event.actor,
    event.action,
    event.subject,
    JSON.stringify(event.details ?? {}),
  ]);
}

/** Newest first, a page at a time; with the total count. */
export async function listAudit(
  q: Queryable,
  options: { offset: number; limit: number },
): Promise<{ events: AuditEvent[]; total: number }> {
  const [{ rows }, count] = await Promise.all([
    q.query<{
      id: string;
      at: Date;
      actor: string | null;
      action: AuditAction;
      subject: string;
      details: Record<string, unknown>;
    }>(
      "SELECT id, at, actor, action, subject, details FROM audit_events ORDER BY at DESC, id DESC OFFSET $1 LIMIT $2",
      [options.offset, options.limit],
    ),
    q.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events"),
  ]);
  return {
    total: count.rows[0]?.n ?? 0,
    events: rows.map((r) => ({
      id: String(r.id),
      at: r.at,
      actor: r.actor === null ? null : Number(r.actor),
      action: r.action,
      subject: r.subject,
      details: r.details ?? {},
    })),
  };
}
