import type { Lang } from "../config.ts";
import { invitesWorkbook } from "../reports/xlsx.ts";
import type { Answer, ImportReport, IngestReport, Role } from "../services/types.ts";
import { toCsv } from "../units/csv.ts";
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

export type InviteRow = {
  unit: string;
  name: string;
  type: string;
  role: Role;
  code: string;
  link: string;
  expires_at: string;
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
  /** A code for every unit without a registered member of `role`: the rows, and the sheet to hand out. */
  inviteAll(options: { role: Role; lang: Lang; validDays?: number; botUsername?: string }): Promise<{
    rows: InviteRow[];
    xlsxBase64: string;
    csv: string;
  }>;
  /** The progress export: the workbook (base64) or the CSV text. */
  exportProgress(options: { format: "xlsx" | "csv"; lang: Lang; delimiter?: "," | ";" }): Promise<string>;
  previewReminders(atIso: string): Promise<PreviewItem[]>;
  boardList(): Promise<{ telegram_id: number; name: string; from_environment: boolean }[]>;
  boardGrant(telegramId: number): Promise<{ name: string }>;
  boardRevoke(telegramId: number): Promise<void>;
  /** A one-time dashboard login link for a Board member (issue 14); url is empty when PUBLIC_URL is not set. */
  dashboardLink(telegramId: number): Promise<{ url: string; expires_at: string }>;
};

export const OPERATION_NAMES = [
  "ingest",
  "ask",
  "importUnits",
  "exportUnits",
  "invite",
  "inviteAll",
  "exportProgress",
  "previewReminders",
  "boardList",
  "boardGrant",
  "boardRevoke",
  "dashboardLink",
] as const satisfies readonly (keyof Operations)[];

export function createOperations(
  app: Pick<App, "services" | "previewDeliveries" | "translate" | "botUsername"> & {
    config?: Pick<App["config"], "http">;
  },
): Operations {
  const { services, translate } = app;
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
    async inviteAll(options) {
      const made = await services.members.inviteAll({
        role: options.role,
        by: null,
        ...(options.validDays ? { validDays: options.validDays } : {}),
      });
      const username = options.botUsername ?? app.botUsername();
      const withLinks = made.map((m) => ({
        ...m,
        link: username ? `https://t.me/${username}?start=${m.code}` : "",
      }));
      const xlsx = await invitesWorkbook(
        withLinks.map((m) => ({ unit: m.unit, role: m.role, code: m.code, link: m.link, expiresAt: m.expiresAt })),
        options.lang,
        translate,
        services.campaign.timeZone,
      );
      const rows: InviteRow[] = withLinks.map((m) => ({
        unit: m.unit.code,
        name: m.unit.name,
        type: m.unit.type,
        role: m.role,
        code: m.code,
        link: m.link,
        expires_at: m.expiresAt.toISOString(),
      }));
      const csv = toCsv([
        ["unit", "name", "type", "role", "code", "link", "expires_at"],
        ...rows.map((r) => [r.unit, r.name, r.type, r.role, r.code, r.link, r.expires_at]),
      ]);
      return { rows, xlsxBase64: xlsx.toString("base64"), csv };
    },
    async exportProgress(options) {
      if (options.format === "csv") return services.board.exportCsv(options.lang, options.delimiter);
      return (await services.board.exportXlsx(options.lang)).toString("base64");
    },
    previewReminders: (atIso) => app.previewDeliveries(new Date(atIso)),
    async boardList() {
      return (await services.members.board()).map((b) => ({
        telegram_id: b.telegramId,
        name: b.name,
        from_environment: b.fromEnvironment,
      }));
    },
    boardGrant: (telegramId) => services.members.grantBoard({ telegramId, by: 0 }),
    boardRevoke: (telegramId) => services.members.revokeBoard({ telegramId, by: null }),
    async dashboardLink(telegramId) {
      const publicUrl = app.config?.http.publicUrl;
      if (!publicUrl) return { url: "", expires_at: "" };
      const { token, expiresAt } = await services.dashboard.loginToken(telegramId);
      return { url: `${publicUrl}/dashboard#login=${token}`, expires_at: expiresAt.toISOString() };
    },
  };
}
