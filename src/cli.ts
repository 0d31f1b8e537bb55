import { createInterface } from "node:readline";
import { resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import cliProgress from "cli-progress";
import { z } from "zod";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createApp, type App } from "./app.ts";
import { hasOpenAI, type Config, type Lang } from "./config.ts";
import { openDatabase } from "./db/pool.ts";
import { EVAL_SET_PATH } from "./paths.ts";
import { evaluate, formatEvalReport, loadEvalSet } from "./rag/eval.ts";
import { readFile } from "node:fs/promises";
import { toCsv } from "./units/csv.ts";
import { createInvite } from "./units/member-store.ts";
import { getUnit, importUnits, listUnits, parseUnitsCsv, UnitImportError, unitsToCsvRows } from "./units/unit-store.ts";
import type { Logger } from "./logger.ts";
import type { Answer } from "./rag/answer.ts";
import type { IngestReport } from "./rag/ingest.ts";

export type CliIO = {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  signal: AbortSignal;
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
  daihoi export                     congress progress as CSV (UTF-8 with BOM), one row per unit
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
  if (!["start", "ingest", "ask", "eval", "units", "invite", "export", "reminders"].includes(command)) {
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
  const app = await createApp(config, logger);
  try {
    if (command === "ingest") return await ingestCommand(app, rest, io);
    if (command === "ask") return await askCommand(app, rest, io);
    if (command === "units") return await unitsCommand(app, rest, io);
    if (command === "invite") return await inviteCommand(app, rest, io);
    if (command === "reminders") return await remindersCommand(app, rest, io);
    if (command === "export") {
      io.stdout.write(await app.reports.exportCsv());
      return 0;
    }
    return await startCommand(app, config, io);
  } finally {
    await app.close();
  }
}

async function ingestCommand(app: App, args: string[], io: CliIO): Promise<number> {
  const { positionals } = parseCommandArgs({ args, allowPositionals: true, options: {} });
  const dir = positionals[0] ? resolve(positionals[0]) : undefined;
  const bar = io.stderr.isTTY
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
  const report = await app.ingest(dir, (p) => {
    if (!bar) return;
    if (!started) {
      bar.start(p.total, 0, { file: "" });
      started = true;
    }
    bar.update(p.done, { file: p.path });
  });
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

async function askCommand(app: App, args: string[], io: CliIO): Promise<number> {
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
  await app.ensureIndex();
  const print = (answer: Answer) =>
    io.stdout.write(json ? `${JSON.stringify(toJson(answer))}\n` : `${answer.answer}\n\n`);
  const question = parsed.positionals.join(" ").trim();
  if (question) {
    print(await app.ask(question, { lang }));
    return 0;
  }
  const rl = createInterface({ input: io.stdin, terminal: false });
  io.signal.addEventListener("abort", () => rl.close(), { once: true });
  for await (const line of rl) {
    if (!line.trim()) continue;
    print(await app.ask(line.trim(), { lang }));
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
  const empty = (await app.countChunks()) === 0;
  if (empty) io.stderr.write("Indexing corpus/ for the first time…\n");
  const report = await app.ensureIndex();
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
    const database = await openDatabase({ dataDir: "memory://", logger });
    const app = await createApp(run.config, logger, { database });
    try {
      await app.ensureIndex();
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

async function unitsCommand(app: App, args: string[], io: CliIO): Promise<number> {
  const [sub, file] = args;
  if (sub === "export") {
    io.stdout.write(toCsv(unitsToCsvRows(await listUnits(app.db.pool))));
    return 0;
  }
  if (sub !== "import" || !file) {
    io.stderr.write(`Usage: daihoi units import FILE.csv | daihoi units export\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(resolve(file), "utf8");
  } catch {
    io.stderr.write(`Cannot read ${file}.\n`);
    return 2;
  }
  try {
    const report = await importUnits(app.db.pool, parseUnitsCsv(text));
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

async function inviteCommand(app: App, args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs({
    args,
    allowPositionals: true,
    options: { role: { type: "string", default: "secretary" }, json: { type: "boolean", default: false } },
  });
  const role = z.enum(["secretary", "deputy"]).safeParse(parsed.values.role);
  const code = parsed.positionals[0];
  if (!code || !role.success) {
    io.stderr.write("Usage: daihoi invite UNIT_CODE [--role secretary|deputy] [--json]\n");
    return 2;
  }
  const unit = await getUnit(app.db.pool, code);
  if (!unit) {
    io.stderr.write(`There is no unit with the code ${code.toUpperCase()}.\n`);
    return 1;
  }
  const invite = await createInvite(app.db.pool, {
    unitCode: unit.code,
    role: role.data,
    createdBy: null,
    now: new Date(),
  });
  io.stdout.write(
    parsed.values.json
      ? `${JSON.stringify({ code: invite.code, unit: unit.code, expires_at: invite.expiresAt.toISOString() })}\n`
      : `${invite.code}\n`,
  );
  return 0;
}

async function remindersCommand(app: App, args: string[], io: CliIO): Promise<number> {
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
  const scheduler = app.scheduler({
    send: () => Promise.reject(new Error("preview sends nothing")),
  });
  const items = await scheduler.preview(at);
  if (parsed.values.json) {
    for (const item of items) io.stdout.write(`${JSON.stringify(item)}\n`);
  } else if (items.length === 0) {
    io.stdout.write("Nothing would be sent at that moment.\n");
  } else {
    for (const item of items) {
      io.stdout.write(
        `→ ${item.telegram_id} (${item.unit}, ${item.milestone}, ${item.kind} ${item.lead_days}):\n${item.text}\n\n`,
      );
    }
  }
  return 0;
}
