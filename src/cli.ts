import { createInterface } from "node:readline";
import { resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import cliProgress from "cli-progress";
import { z } from "zod";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readFile } from "node:fs/promises";
import { createApp, type App } from "./app.ts";
import { createI18n, translator } from "./bot/i18n.ts";
import { hasOpenAI, type Config, type Lang } from "./config.ts";
import { ControlUnavailableError, remoteOperations } from "./control/client.ts";
import { createOperations, type Operations } from "./control/operations.ts";
import { DatabaseLockedError, type ProcessInfo } from "./instance.ts";
import { UserError } from "./errors.ts";
import { EVAL_SET_PATH } from "./paths.ts";
import { evaluate, formatEvalReport, loadEvalSet } from "./rag/eval.ts";
import { UnitImportError, type Answer, type IngestReport } from "./services/types.ts";
import type { Logger } from "./logger.ts";

export type CliIO = {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  signal: AbortSignal;
  /** This process (from main.ts): it locks an embedded database folder to itself. */
  processInfo?: ProcessInfo;
};

const USAGE = `daihoi — Trợ lý Đại hội (congress assistant)

Usage:
  daihoi start                      serve Telegram (TELEGRAM_BOT_TOKEN set) or open the local terminal chat
  daihoi ingest [DIR]               index a folder of documents (default: corpus/)
  daihoi ask ["question"] [--lang vi|pl|en] [--json]
                                    answer one question, or one per stdin line when no question is given
  daihoi units import FILE.csv       create or update units (header code,name,kind,type,model,planned_congress_date)
  daihoi units export               print the units as CSV
  daihoi invite UNIT_CODE [--role secretary|deputy] [--json]
                                    a one-time invite code for a unit's secretary or deputy
  daihoi invite --all [--role secretary|deputy] [--out FILE.xlsx|.csv] [--days N] [--bot USERNAME]
                                    a code and link for every unit without a registered secretary (or deputy),
                                    as a sheet to hand out; earlier open codes of those units are revoked
  daihoi export [--csv [--delimiter ";"]] [--out FILE] [--lang vi|pl|en]
                                    congress progress as an Excel workbook (or CSV), one row per unit
  daihoi board list | grant TELEGRAM_ID | revoke TELEGRAM_ID
                                    the City Organization Board's members
  daihoi dashboard-link --telegram-id ID
                                    a one-time login link (10 minutes) to the Board's dashboard in a browser
  daihoi reminders preview --at "2025-03-10T08:00+07:00" [--json]
                                    what the scheduler would send at that moment, to whom (nothing is sent)
  daihoi eval [--questions FILE] [--out DIR]
                                    retrieval evaluation: hit@1, hit@5, MRR per language (offline; with an
                                    OpenAI key also with OpenAI embeddings and answers)
  daihoi help                       this text
`;

const langSchema = z.enum(["vi", "pl", "en"]);

/** A command line the command cannot read: told once, in runCli, with the usage. */
class UsageError extends Error {}

function parseCommandArgs<T extends ParseArgsConfig>(config: T) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Runs one command. Returns the process exit code. */
export async function runCli(argv: string[], config: Config, logger: Logger, io: CliIO): Promise<number> {
  const [command = "start", ...rest] = argv;
  if (command === "help" || command === "--help" || command === "-h") {
    io.stdout.write(USAGE);
    return 0;
  }
  if (
    !["start", "ingest", "ask", "eval", "units", "invite", "export", "reminders", "board", "dashboard-link"].includes(
      command,
    )
  ) {
    io.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return await runCommand(command, rest, config, logger, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
}

async function runCommand(command: string, rest: string[], config: Config, logger: Logger, io: CliIO): Promise<number> {
  if (command === "eval") return evalCommand(rest, config, logger, io);
  const t = cliTranslator(io.env);
  let app: App | undefined;
  let ops: Operations;
  try {
    app = await createApp(config, logger, { processInfo: io.processInfo });
    ops = createOperations(app);
  } catch (error) {
    if (!(error instanceof DatabaseLockedError)) throw error;
    // The embedded database belongs to a running daihoi (the bot, or a terminal chat): a second process may not
    // open it. Everything but `start` goes through that process's local control socket instead.
    if (command === "start") {
      io.stderr.write(`${t("cli-already-running", { pid: error.holder.pid, dir: error.dataDir })}\n`);
      return 1;
    }
    if (!error.holder.socket) {
      io.stderr.write(`${t("cli-locked-no-socket", { pid: error.holder.pid, dir: error.dataDir })}\n`);
      return 1;
    }
    io.stderr.write(`${t("cli-through-running", { pid: error.holder.pid })}\n`);
    ops = remoteOperations(error.holder);
  }
  try {
    if (command === "ingest") return await ingestCommand(app, ops, rest, io);
    if (command === "ask") return await askCommand(app, ops, rest, io);
    if (command === "units") return await unitsCommand(ops, rest, io);
    if (command === "invite") return await inviteCommand(ops, rest, io, t);
    if (command === "reminders") return await remindersCommand(ops, rest, io);
    if (command === "export") return await exportCommand(ops, rest, io, t);
    if (command === "board") return await boardCommand(ops, rest, io, t);
    if (command === "dashboard-link") return await dashboardLinkCommand(ops, rest, io, t);
    return await startCommand(app!, config, io);
  } catch (error) {
    if (error instanceof UserError) {
      io.stderr.write(`${t(error.key, error.params)}\n`);
      return 1;
    }
    if (error instanceof ControlUnavailableError) {
      io.stderr.write(`${t("cli-control-unavailable", { reason: error.message })}\n`);
      return 1;
    }
    throw error;
  } finally {
    await app?.close();
  }
}

/** The language of command-line messages: the terminal's locale (LANG) when it is one of ours, else English. */
function cliTranslator(env: Record<string, string | undefined>) {
  const code = (env.LC_ALL || env.LC_MESSAGES || env.LANG || "").slice(0, 2).toLowerCase();
  const lang: Lang = code === "vi" || code === "pl" ? code : "en";
  const translate = translator(createI18n());
  return (key: string, vars?: Record<string, string | number>) => translate(lang, key, vars);
}

async function ingestCommand(app: App | undefined, ops: Operations, args: string[], io: CliIO): Promise<number> {
  const { positionals } = parseCommandArgs({ args, allowPositionals: true, options: {} });
  const dir = positionals[0] ? resolve(positionals[0]) : undefined;
  const bar =
    app && io.stderr.isTTY
      ? new cliProgress.SingleBar(
          {
            format: "indexing [{bar}] {value}/{total} {file}",
            stream: io.stderr as NodeJS.WriteStream,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  let started = false;
  // A progress bar when indexing here; through the running bot, its report at the end.
  const report = app
    ? await app.services.corpus.ingest(dir, (p) => {
        if (!bar) return;
        if (!started) {
          bar.start(p.total, 0, { file: "" });
          started = true;
        }
        bar.update(p.done, { file: p.path });
      })
    : await ops.ingest(dir);
  bar?.stop();
  io.stdout.write(`${formatIngestReport(report)}\n`);
  for (const failure of report.failed) io.stderr.write(`  failed: ${failure.path}: ${failure.error}\n`);
  return report.failed.length ? 1 : 0;
}

export function formatIngestReport(r: IngestReport): string {
  return (
    `${r.reembedded ? "embedding model changed: whole corpus re-embedded\n" : ""}` +
    `added ${r.added.length}, updated ${r.updated.length}, removed ${r.removed.length}, unchanged ${r.unchanged.length}` +
    `${r.failed.length ? `, failed ${r.failed.length}` : ""}; ${r.chunks} chunks written in ${r.seconds.toFixed(2)} s`
  );
}

async function askCommand(app: App | undefined, ops: Operations, args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs({
    args,
    allowPositionals: true,
    options: { lang: { type: "string" }, json: { type: "boolean", default: false } },
  });
  const langResult = langSchema.optional().safeParse(parsed.values.lang);
  if (!langResult.success) {
    io.stderr.write(`--lang must be one of vi, pl, en (got "${parsed.values.lang}")\n`);
    return 2;
  }
  const lang: Lang | undefined = langResult.data;
  const json = parsed.values.json ?? false;
  if (app) await app.services.corpus.ingest();
  const print = (answer: Answer) =>
    io.stdout.write(json ? `${JSON.stringify(toJson(answer))}\n` : `${answer.answer}\n\n`);
  const question = parsed.positionals.join(" ").trim();
  if (question) {
    print(await ops.ask(question, lang));
    return 0;
  }
  const rl = createInterface({ input: io.stdin, terminal: false });
  io.signal.addEventListener("abort", () => rl.close(), { once: true });
  for await (const line of rl) {
    if (!line.trim()) continue;
    print(await ops.ask(line.trim(), lang));
  }
  return 0;
}

/**
 * The `--json` shape: `{ answer, summary, mode, refusal?, sources: [{ title, number, section, text, score, links }] }`,
 * sources best first; `answer` is the first screen, `summary` the answer without its source line.
 */
export function toJson(answer: Answer) {
  return {
    answer: answer.answer,
    summary: answer.summary,
    mode: answer.mode,
    ...(answer.refusal ? { refusal: answer.refusal } : {}),
    sources: answer.sources.map((s) => ({
      title: s.title,
      number: s.number,
      section: s.section,
      text: s.text,
      score: s.score,
      links: s.links,
    })),
  };
}

async function startCommand(app: App, config: Config, io: CliIO): Promise<number> {
  const empty = (await app.services.corpus.countChunks()) === 0;
  if (empty) io.stderr.write("Indexing corpus/ for the first time…\n");
  const report = await app.services.corpus.ingest();
  if (empty || report.added.length + report.updated.length + report.removed.length > 0) {
    io.stderr.write(`${formatIngestReport(report)}\n`);
  }
  if (config.telegram.token) {
    await app.serveTelegram(io.signal);
    return 0;
  }
  const interactive = Boolean(io.stdin.isTTY && io.stdout.isTTY);
  await app.consoleChat({
    input: io.stdin,
    output: io.stdout,
    interactive,
    languageCode: (io.env.LC_ALL ?? io.env.LANG ?? "").slice(0, 2),
    signal: io.signal,
  });
  return 0;
}

/**
 * The retrieval evaluation, each run on a fresh in-memory database (the user's data is not touched): offline
 * always; with OpenAI configured, again with its embeddings and answers. Prints tables, writes JSON.
 */
async function evalCommand(args: string[], config: Config, logger: Logger, io: CliIO): Promise<number> {
  const { values } = parseCommandArgs({
    args,
    options: { questions: { type: "string" }, out: { type: "string", default: "eval-results" } },
  });
  const questions = loadEvalSet(values.questions ? resolve(values.questions) : EVAL_SET_PATH);
  const offline: Config = { ...config, openai: { ...config.openai, apiKey: undefined, baseURL: undefined } };
  const runs: { name: string; config: Config }[] = [{ name: "offline", config: offline }];
  if (hasOpenAI(config)) runs.push({ name: "openai", config });
  const outDir = resolve(values.out ?? "eval-results");
  await mkdir(outDir, { recursive: true });
  for (const run of runs) {
    // A fresh in-memory database for each run: the user's data is not touched.
    const inMemory: Config = { ...run.config, database: { url: undefined, dataDir: "memory://" } };
    const app = await createApp(inMemory, logger);
    try {
      await app.services.corpus.ingest();
      const report = await evaluate({
        retriever: app.retriever,
        answerer: app.answerer,
        questions,
        embeddings: app.embeddings.modelId,
        answeredBy: run.name === "openai" ? `LLM ${run.config.openai.chatModel}` : "offline, extractive",
      });
      io.stdout.write(`\n== ${run.name} ==\n${formatEvalReport(report)}\n`);
      const file = join(outDir, `eval-${run.name}.json`);
      await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
      io.stdout.write(`(written to ${file})\n`);
    } finally {
      await app.close();
    }
  }
  return 0;
}

async function unitsCommand(ops: Operations, args: string[], io: CliIO): Promise<number> {
  const [sub, file] = args;
  if (sub === "export") {
    io.stdout.write(await ops.exportUnits());
    return 0;
  }
  if (sub !== "import" || !file) {
    io.stderr.write(`Usage: daihoi units import FILE.csv | daihoi units export\n`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(resolve(file));
  } catch {
    io.stderr.write(`Cannot read ${file}.\n`);
    return 2;
  }
  try {
    const report = await ops.importUnits(bytes.toString("base64"));
    io.stdout.write(
      `created ${report.created.length}, updated ${report.updated.length}, unchanged ${report.unchanged.length}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof UnitImportError) {
      io.stderr.write(`Nothing was imported. Fix these rows of ${file}:\n${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

type CliTranslate = ReturnType<typeof cliTranslator>;

async function inviteCommand(ops: Operations, args: string[], io: CliIO, t: CliTranslate): Promise<number> {
  const parsed = parseCommandArgs({
    args,
    allowPositionals: true,
    options: {
      role: { type: "string", default: "secretary" },
      json: { type: "boolean", default: false },
      all: { type: "boolean", default: false },
      out: { type: "string" },
      days: { type: "string" },
      bot: { type: "string" },
      lang: { type: "string", default: "vi" },
    },
  });
  const role = z.enum(["secretary", "deputy"]).safeParse(parsed.values.role);
  const code = parsed.positionals[0];
  const usage = () => {
    io.stderr.write(
      "Usage: daihoi invite UNIT_CODE [--role secretary|deputy] [--json]\n" +
        "       daihoi invite --all [--role secretary|deputy] [--out FILE.xlsx|FILE.csv] [--days N] [--bot USERNAME] [--lang vi|pl|en]\n",
    );
    return 2;
  };
  if (!role.success) return usage();
  if (parsed.values.all) {
    const lang = langSchema.safeParse(parsed.values.lang);
    const days = parsed.values.days === undefined ? undefined : Number(parsed.values.days);
    if (code || !lang.success || (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 60)))
      return usage();
    const result = await ops.inviteAll({
      role: role.data,
      lang: lang.data,
      ...(days ? { validDays: days } : {}),
      ...(parsed.values.bot ? { botUsername: parsed.values.bot.replace(/^@/, "") } : {}),
    });
    const out = resolve(
      parsed.values.out ?? `daihoi-invites-${role.data}-${new Date().toISOString().slice(0, 10)}.xlsx`,
    );
    await writeFile(out, out.endsWith(".csv") ? result.csv : Buffer.from(result.xlsxBase64, "base64"));
    if (parsed.values.json) for (const row of result.rows) io.stdout.write(`${JSON.stringify(row)}\n`);
    else io.stdout.write(`${t("cli-invites-written", { count: result.rows.length, file: out })}\n`);
    if (result.rows.length && !result.rows[0]!.link) io.stderr.write(`${t("cli-invites-no-link")}\n`);
    return 0;
  }
  if (!code) return usage();
  const invite = await ops.invite(code, role.data);
  io.stdout.write(parsed.values.json ? `${JSON.stringify(invite)}\n` : `${invite.code}\n`);
  return 0;
}

async function exportCommand(ops: Operations, args: string[], io: CliIO, t: CliTranslate): Promise<number> {
  const parsed = parseCommandArgs({
    args,
    options: {
      csv: { type: "boolean", default: false },
      delimiter: { type: "string", default: "," },
      out: { type: "string" },
      lang: { type: "string", default: "vi" },
    },
  });
  const lang = langSchema.safeParse(parsed.values.lang);
  const delimiter = parsed.values.delimiter;
  if (!lang.success || (delimiter !== "," && delimiter !== ";")) {
    io.stderr.write('Usage: daihoi export [--csv [--delimiter ";"]] [--out FILE] [--lang vi|pl|en]\n');
    return 2;
  }
  if (parsed.values.csv) {
    const csv = await ops.exportProgress({ format: "csv", lang: lang.data, delimiter });
    if (parsed.values.out) await writeFile(resolve(parsed.values.out), csv);
    else io.stdout.write(csv);
    return 0;
  }
  const out = resolve(parsed.values.out ?? `daihoi-progress-${new Date().toISOString().slice(0, 10)}.xlsx`);
  await writeFile(out, Buffer.from(await ops.exportProgress({ format: "xlsx", lang: lang.data }), "base64"));
  io.stdout.write(`${t("cli-export-written", { file: out })}\n`);
  return 0;
}

async function boardCommand(ops: Operations, args: string[], io: CliIO, t: CliTranslate): Promise<number> {
  const [sub, id] = args;
  const telegramId = id && /^\d{1,15}$/.test(id) ? Number(id) : undefined;
  if (sub === "list" && !id) {
    for (const b of await ops.boardList())
      io.stdout.write(`${b.telegram_id}\t${b.name}${b.from_environment ? "\t(ADMIN_TELEGRAM_IDS)" : ""}\n`);
    return 0;
  }
  if (sub === "grant" && telegramId) {
    const person = await ops.boardGrant(telegramId);
    io.stdout.write(`${t("cli-board-granted", { id: telegramId, name: person.name })}\n`);
    return 0;
  }
  if (sub === "revoke" && telegramId) {
    await ops.boardRevoke(telegramId);
    io.stdout.write(`${t("cli-board-revoked", { id: telegramId })}\n`);
    return 0;
  }
  io.stderr.write("Usage: daihoi board list | daihoi board grant TELEGRAM_ID | daihoi board revoke TELEGRAM_ID\n");
  return 2;
}

/** A one-time dashboard login link for a Board member (issue 14). */
async function dashboardLinkCommand(ops: Operations, args: string[], io: CliIO, t: CliTranslate): Promise<number> {
  const parsed = parseCommandArgs({ args, options: { "telegram-id": { type: "string" } } });
  const id = parsed.values["telegram-id"];
  if (!id || !/^\d{1,15}$/.test(id)) {
    io.stderr.write("Usage: daihoi dashboard-link --telegram-id TELEGRAM_ID\n");
    return 2;
  }
  const link = await ops.dashboardLink(Number(id));
  if (!link.url) {
    io.stderr.write(`${t("dash-cli-no-url")}\n`);
    return 1;
  }
  io.stdout.write(`${t("dash-cli-link", { id, time: link.expires_at, url: link.url })}\n`);
  return 0;
}

async function remindersCommand(ops: Operations, args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs({
    args,
    allowPositionals: true,
    options: { at: { type: "string" }, json: { type: "boolean", default: false } },
  });
  const at = parsed.values.at ? new Date(parsed.values.at) : new Date();
  if (parsed.positionals[0] !== "preview" || Number.isNaN(at.getTime())) {
    io.stderr.write('Usage: daihoi reminders preview --at "2025-03-10T08:00+07:00" [--json]\n');
    return 2;
  }
  const items = await ops.previewReminders(at.toISOString());
  if (parsed.values.json) {
    for (const item of items) io.stdout.write(`${JSON.stringify(item)}\n`);
  } else if (items.length === 0) {
    io.stdout.write("Nothing would be sent at that moment.\n");
  } else {
    for (const item of items) {
      const what = [item.unit, item.milestone, item.lead_days === null ? "" : `${item.kind} ${item.lead_days}`]
        .filter(Boolean)
        .join(", ");
      io.stdout.write(`→ ${item.telegram_id} (${what || item.kind}):\n${item.text}\n\n`);
    }
  }
  return 0;
}
