import type { Lang } from "../config.ts";
import type { Answer, ImportReport, IngestReport, Role } from "../services/types.ts";
import type { App } from "../app.ts";

export type PreviewItem = {
  unit: string | null;
  telegram_id: number;
  milestone: string | null;
  deadline: string | null;
  lead_days: number | null;
  kind: string;
  text: string;
};

/**
 * What the command line does, as calls that work the same in this process or through the running bot's local
 * control socket (the embedded database allows one process): arguments and results are plain JSON.
 */
export type Operations = {
  ingest(dir?: string): Promise<IngestReport>;
  ask(question: string, lang?: Lang): Promise<Answer>;
  /** The registry file's bytes, base64 (a file may be UTF-16; the bot decodes it like a local import). */
  importUnits(base64: string): Promise<ImportReport>;
  exportUnits(): Promise<string>;
  invite(unitCode: string, role: Role): Promise<{ code: string; unit: string; expires_at: string }>;
  exportProgress(): Promise<string>;
  previewReminders(atIso: string): Promise<PreviewItem[]>;
};

export const OPERATION_NAMES = [
  "ingest",
  "ask",
  "importUnits",
  "exportUnits",
  "invite",
  "exportProgress",
  "previewReminders",
] as const satisfies readonly (keyof Operations)[];

export function createOperations(app: Pick<App, "services" | "previewDeliveries">): Operations {
  const { services } = app;
  return {
    ingest: (dir) => services.corpus.ingest(dir),
    async ask(question, lang) {
      return (await services.questions.ask({ question, lang, channel: "cli" })).answer;
    },
    importUnits: (base64) => services.units.importCsv(new Uint8Array(Buffer.from(base64, "base64"))),
    exportUnits: () => services.units.exportCsv(),
    async invite(unitCode, role) {
      const invite = await services.members.invite({ unitCode, role, by: null });
      return { code: invite.code, unit: invite.unit.code, expires_at: invite.expiresAt.toISOString() };
    },
    exportProgress: () => services.reports.exportCsv(),
    previewReminders: (atIso) => app.previewDeliveries(new Date(atIso)),
  };
}
