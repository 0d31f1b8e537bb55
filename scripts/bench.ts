// Retrieval latency on the embedded database: `npm run bench [-- CHUNKS]`. Prints p50/p95 per query kind.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "../src/db/migrate.ts";
import { openDatabase } from "../src/db/pool.ts";
import { LocalHashEmbeddings } from "../src/rag/embeddings.ts";
import { ingestDirectory } from "../src/rag/ingest.ts";
import { CorpusRetriever } from "../src/rag/retriever.ts";

const chunkTarget = Number(process.argv[2] ?? 3000);
const words =
  "đại hội chi bộ đảng bộ cơ sở ban chấp hành bầu cử nhiệm kỳ văn kiện nhân sự thẩm định chuẩn y số dư".split(" ");
const dir = await mkdtemp(join(tmpdir(), "daihoi-bench-"));
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
const db = await openDatabase({ dataDir: "memory://" });
await migrate(db.pool);
const embeddings = new LocalHashEmbeddings();
const started = performance.now();
const report = await ingestDirectory({ pool: db.pool, embeddings }, dir);
const ingestS = (performance.now() - started) / 1000;
console.log(
  `ingested ${report.chunks} chunks in ${ingestS.toFixed(1)} s (${(report.chunks / ingestS).toFixed(0)} chunks/s)`,
);

const retriever = new CorpusRetriever({ pool: db.pool, embeddings });
const queries = [
  "dai hoi chi bo keo dai bao lau",
  "bầu cử ban chấp hành số dư",
  "tham dinh van kien nhan su",
  "chuẩn y",
];
const times: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  await retriever.retrieve(queries[i % queries.length]!, { lang: "vi" });
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(1);
console.log(
  `retrieve (hybrid, ${report.chunks} chunks, PGlite): p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms`,
);
console.log(`rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
await db.close();
