import type { Queryable } from "../db/pool.ts";

export type ReportDetails = { members_elected?: number; secretary_elected?: boolean; delegates_elected?: boolean };

export type ReportEvent = {
  id: string;
  unitCode: string;
  milestone: string;
  date: string;
  details: ReportDetails;
  supersedes: string | null;
  reportedBy: number | null;
  chatId: number | null;
  reportedAt: Date;
};

type EventRow = {
  id: string;
  unit_code: string;
  milestone: string;
  event_date: string;
  details: ReportDetails;
  supersedes: string | null;
  reported_by: string | null;
  chat_id: string | null;
  reported_at: Date;
};

const COLUMNS = `id, unit_code, milestone, to_char(event_date, 'YYYY-MM-DD') AS event_date, details, supersedes,
                 reported_by, chat_id, reported_at`;

function toEvent(r: EventRow): ReportEvent {
  return {
    id: String(r.id),
    unitCode: r.unit_code,
    milestone: r.milestone,
    date: r.event_date,
    details: r.details ?? {},
    supersedes: r.supersedes === null ? null : String(r.supersedes),
    reportedBy: r.reported_by === null ? null : Number(r.reported_by),
    chatId: r.chat_id === null ? null : Number(r.chat_id),
    reportedAt: r.reported_at,
  };
}

/**
 * Appends a report. If the milestone was already reported, the new event supersedes the latest one (a
 * correction); both stay. Call inside a transaction with the validation that read the current state.
 */
export async function appendReport(
  q: Queryable,
  report: {
    unitCode: string;
    milestone: string;
    date: string;
    details: ReportDetails;
    reportedBy: number | null;
    chatId: number | null;
    reportedAt: Date;
    updateId?: number | undefined;
  },
): Promise<ReportEvent> {
  const { rows } = await q.query<EventRow>(
    `INSERT INTO report_events (unit_code, milestone, event_date, details, supersedes, reported_by, chat_id, reported_at,
                                update_id)
     VALUES ($1, $2, $3, $4,
             (SELECT max(id) FROM report_events WHERE unit_code = $1 AND milestone = $2), $5, $6, $7, $8)
     RETURNING ${COLUMNS}`,
    [
      report.unitCode,
      report.milestone,
      report.date,
      JSON.stringify(report.details),
      report.reportedBy,
      report.chatId,
      report.reportedAt,
      report.updateId ?? null,
    ],
  );
  return toEvent(rows[0]!);
}

/** The event an update made, if it was handled before (a restart handles it again). */
export async function eventOfUpdate(q: Queryable, updateId: number): Promise<ReportEvent | undefined> {
  const { rows } = await q.query<EventRow>(`SELECT ${COLUMNS} FROM report_events WHERE update_id = $1`, [updateId]);
  return rows[0] ? toEvent(rows[0]) : undefined;
}

/** The current state: the latest event of each (unit, milestone); for one unit or all. */
export async function currentReports(q: Queryable, unitCode?: string): Promise<ReportEvent[]> {
  const { rows } = await q.query<EventRow>(
    `SELECT DISTINCT ON (unit_code, milestone) ${COLUMNS}
       FROM report_events ${unitCode ? "WHERE unit_code = $1" : ""}
      ORDER BY unit_code, milestone, id DESC`,
    unitCode ? [unitCode] : [],
  );
  return rows.map(toEvent);
}

/** Every event of a unit, oldest first (corrections included). */
export async function unitHistory(q: Queryable, unitCode: string): Promise<ReportEvent[]> {
  const { rows } = await q.query<EventRow>(`SELECT ${COLUMNS} FROM report_events WHERE unit_code = $1 ORDER BY id`, [
    unitCode,
  ]);
  return rows.map(toEvent);
}

/** First reports (not corrections) made since `since`. */
export async function reportsSince(q: Queryable, since: Date): Promise<ReportEvent[]> {
  const { rows } = await q.query<EventRow>(
    `SELECT ${COLUMNS} FROM report_events WHERE reported_at >= $1 AND supersedes IS NULL ORDER BY id`,
    [since],
  );
  return rows.map(toEvent);
}
