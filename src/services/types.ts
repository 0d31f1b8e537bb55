// The domain types front ends may name, re-exported so that no front end imports a store module.
export type { Membership, Person, Role } from "../units/member-store.ts";
export type { Unit } from "../units/unit-store.ts";
export type { ImportReport } from "../units/registry-csv.ts";
export type { ReportDetails, ReportEvent } from "../reports/report-store.ts";
export type { ChatFlow } from "../db/flow-store.ts";
export type { IngestReport, IngestProgress } from "../rag/ingest.ts";
export type { Answer, AnswerSource } from "../rag/answer.ts";
export { UnitImportError } from "../units/registry-csv.ts";
