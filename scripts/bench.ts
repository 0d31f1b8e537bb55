// Retrieval benchmark: `npm run bench [-- CHUNKS] [--corpus synthetic|realistic|both] [--postgres URL]`.
//
// For each corpus and database it indexes CHUNKS chunks (default 10,000) with the local embedding, then times
// 200 retrievals after a warm-up and prints ingestion speed, p50/p95/max latency and the peak RSS. Each run is a
// child process of its own, so the RSS of one run is not inflated by another. The embedded database is always
// measured, in a data folder as the bot uses it; PGlite's one-time initdb of that folder runs in a process of its
// own first, and its peak is printed apart (it is the same ~0.8 GB whatever the corpus). A real Postgres is
// measured too when a URL is given with --postgres or BENCH_DATABASE_URL, in a schema of its own that is dropped
// afterwards.
//
//   synthetic: the same generated text as earlier figures (23 words repeated: every query word in every chunk,
//              the worst case for full-text ranking).
//   realistic: the shipped corpus repeated with its numbers varied (ages, dates, counts differ per copy), queried
//              with the questions of the evaluation set.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { migrate } from "../src/db/migrate.ts";
import { openDatabase, type Database } from "../src/db/pool.ts";
import { CORPUS_DIR, EVAL_SET_PATH } from "../src/paths.ts";
import { LocalHashEmbeddings } from "../src/rag/embeddings.ts";
import { loadEvalSet } from "../src/rag/eval.ts";
import { ingestDirectory } from "../src/rag/ingest.ts";
import { loadDocument } from "../src/rag/loaders.ts";
import { detectLanguage } from "../src/rag/language.ts";
import { CorpusRetriever } from "../src/rag/retriever.ts";

type Corpus = "synthetic" | "realistic";
type Query = { text: string; lang: "vi" | "pl" | "en" };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    corpus: { type: "string", default: "both" },
    postgres: { type: "string" },
    queries: { type: "string", default: "200" },
    // Internal: run one measurement in this process and print it as JSON.
    one: { type: "string" },
    db: { type: "string" },
    "data-dir": { type: "string" },
    "init-db": { type: "string" },
  },
});
const chunkTarget = Number(positionals[0] ?? 10_000);
const queryCount = Number(values.queries);

if (values["init-db"]) {
  const db = await openDatabase({ dataDir: values["init-db"] });
  await migrate(db.pool);
  await db.close();
  console.log(JSON.stringify({ peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
} else if (values.one) {
  const result = await measure(
    values.one as Corpus,
    values.db === "postgres" ? values.postgres : undefined,
    values["data-dir"],
  );
  console.log(JSON.stringify(result));
} else {
  const postgresUrl = values.postgres ?? process.env.BENCH_DATABASE_URL;
  const corpora: Corpus[] = values.corpus === "both" ? ["synthetic", "realistic"] : [values.corpus as Corpus];
  const databases = postgresUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);
  console.log(`retrieval benchmark: ${chunkTarget} chunks, ${queryCount} queries, local embedding, top 5`);
  for (const corpus of corpora) {
    for (const db of databases) {
      let dataDir: string | undefined;
      let initPeak = "";
      if (db === "pglite") {
        dataDir = await mkdtemp(join(tmpdir(), "daihoi-bench-db-"));
        const init = JSON.parse(
          (await runChild(["--import", "tsx", import.meta.filename, "--init-db", dataDir])).trim().split("\n").at(-1)!,
        ) as { peakRssMB: number };
        initPeak = ` (initdb of the data folder, once: ${init.peakRssMB} MB)`;
      }
      const args = [
        "--import",
        "tsx",
        import.meta.filename,
        String(chunkTarget),
        "--one",
        corpus,
        "--db",
        db,
        "--queries",
        String(queryCount),
        ...(postgresUrl ? ["--postgres", postgresUrl] : []),
        ...(dataDir ? ["--data-dir", dataDir] : []),
      ];
      const output = await runChild(args);
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
      const r = JSON.parse(output.trim().split("\n").at(-1)!) as Awaited<ReturnType<typeof measure>>;
      console.log(
        `${corpus.padEnd(10)} ${db.padEnd(8)} ${String(r.chunks).padStart(6)} chunks, ingest ${r.ingestS.toFixed(1)} s ` +
          `(${r.chunksPerS} chunks/s); retrieve p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, max ${r.maxMs} ms; ` +
          `peak RSS ${r.peakRssMB} MB${initPeak}`,
      );
    }
  }
}

function runChild(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`bench child exited with ${code}`))));
  });
}

async function measure(corpus: Corpus, postgresUrl: string | undefined, dataDir: string | undefined) {
  const dir = await mkdtemp(join(tmpdir(), "daihoi-bench-"));
  const queries = corpus === "synthetic" ? await writeSynthetic(dir) : await writeRealistic(dir);
  const { db, drop } = postgresUrl ? await openBenchSchema(postgresUrl) : await openEmbedded(dataDir);
  try {
    await migrate(db.pool);
    const embeddings = new LocalHashEmbeddings();
    const started = performance.now();
    const report = await ingestDirectory({ pool: db.pool, embeddings }, dir);
    const ingestS = (performance.now() - started) / 1000;
    const retriever = new CorpusRetriever({ pool: db.pool, embeddings });
    for (const q of queries.slice(0, 20)) await retriever.retrieve(q.text, { lang: q.lang });
    const times: number[] = [];
    for (let i = 0; i < queryCount; i++) {
      const q = queries[i % queries.length]!;
      const t = performance.now();
      await retriever.retrieve(q.text, { lang: q.lang });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]! * 10) / 10;
    return {
      chunks: report.chunks,
      ingestS: Math.round(ingestS * 10) / 10,
      chunksPerS: Math.round(report.chunks / ingestS),
      p50Ms: pct(0.5),
      p95Ms: pct(0.95),
      maxMs: pct(1),
      // Peak resident set size of this process (kB on Linux).
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await db.close();
    await drop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function openEmbedded(dataDir = "memory://"): Promise<{ db: Database; drop: () => Promise<void> }> {
  return { db: await openDatabase({ dataDir }), drop: async () => undefined };
}

/** A schema of its own on the given Postgres (search_path: it, then public for the extensions); dropped after. */
async function openBenchSchema(url: string): Promise<{ db: Database; drop: () => Promise<void> }> {
  const schema = `bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema},public`, max: 10 });
  const db: Database = { pool, kind: "postgres", close: () => pool.end() };
  return {
    db,
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}

/** 50 sections per file of 60 words drawn from 23 congress words (the figures before issue 10 used this). */
async function writeSynthetic(dir: string): Promise<Query[]> {
  const words =
    "đại hội chi bộ đảng bộ cơ sở ban chấp hành bầu cử nhiệm kỳ văn kiện nhân sự thẩm định chuẩn y số dư".split(" ");
  const perFile = 50;
  for (let f = 0; f < Math.ceil(chunkTarget / perFile); f++) {
    const sections = Array.from({ length: perFile }, (_, s) => {
      const body = Array.from({ length: 60 }, (_, w) => words[(f * 7 + s * 13 + w * 31) % words.length]).join(" ");
      return `### ${s + 1}. Mục ${f}-${s}\n\n${body}.\n`;
    });
    await writeFile(
      join(dir, `doc-${f}.vi.md`),
      `---\nid: doc-${f}\ntitle: Văn bản ${f}\nlanguage: vi\n---\n## I. Phần\n\n${sections.join("\n")}`,
    );
  }
  return ["dai hoi chi bo keo dai bao lau", "bầu cử ban chấp hành số dư", "tham dinh van kien nhan su", "chuẩn y"].map(
    (text) => ({ text, lang: "vi" as const }),
  );
}

/**
 * The shipped corpus, copied until it holds about `chunkTarget` chunks. Each copy gets its own document id and
 * title, and every number in it shifted by the copy's index (30/6/2025 → 31/7/2026 …), so copies are alike in
 * wording but not identical — as many units' documents would be.
 */
async function writeRealistic(dir: string): Promise<Query[]> {
  const files = (await readdir(CORPUS_DIR)).filter((f) => /\.(vi|pl|en)\.md$/.test(f));
  const texts = await Promise.all(files.map((f) => readFile(join(CORPUS_DIR, f), "utf8")));
  const loaded = await Promise.all(files.map((f) => loadDocument(join(CORPUS_DIR, f), f)));
  const shippedChunks = loaded.reduce((n, d) => n + d.chunks.length, 0);
  const copies = Math.max(1, Math.round(chunkTarget / shippedChunks));
  for (let k = 0; k < copies; k++) {
    for (const [i, file] of files.entries()) {
      const text = texts[i]!.replace(/^id: (.+)$/m, `id: $1-${k}`)
        .replace(/^title: "?(.+?)"?$/m, (_, title: string) => `title: "${title} (${k})"`)
        .replace(/(?<![\w/-])(\d{1,4})(?![\w-])/g, (n) => (k === 0 ? n : String(Number(n) + k)));
      await writeFile(join(dir, `${k}-${file}`), text);
    }
  }
  return loadEvalSet(EVAL_SET_PATH).map((q) => ({ text: q.question, lang: detectLanguage(q.question) ?? "vi" }));
}
