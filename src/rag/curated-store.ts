import { createHash } from "node:crypto";
import type { Lang } from "../config.ts";
import { withTransaction, type Pool, type Queryable } from "../db/pool.ts";
import { AppError } from "../errors.ts";
import { findSections, type ChunkRow } from "./chunk-store.ts";
import { createMatcher, curatedInputSchema, type CuratedInput, type CuratedSeed } from "./curated.ts";

/**
 * The curated short answers in Postgres (migration 0032): add, edit, withdraw, publish, list, history — each
 * change in one transaction with its history row, so the history is complete — and a matcher over the published
 * ones, reloaded when they change. `by` says who: "seed" for the seed file, "cli", or "telegram:<id>".
 */

export type CuratedStatus = "published" | "withdrawn";

export type CuratedAnswer = CuratedInput & {
  id: string;
  key: string;
  status: CuratedStatus;
  origin: "seed" | "board";
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
};

export type CuratedHistoryEntry = {
  id: string;
  answerId: string;
  action: "add" | "edit" | "withdraw" | "publish";
  changedBy: string;
  changedAt: Date;
  /** The answer as it was before the change (null for "add"). */
  previous: Pick<CuratedAnswer, "texts" | "variants" | "sources" | "confidence" | "facts" | "status"> | null;
  note: string | null;
};

type Row = {
  id: string;
  key: string;
  variants: CuratedInput["variants"];
  texts: CuratedInput["texts"];
  sources: CuratedInput["sources"];
  confidence: CuratedInput["confidence"];
  facts: string[];
  status: CuratedStatus;
  origin: "seed" | "board";
  seed_checksum: string | null;
  created_by: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
};

const COLUMNS =
  "id, key, variants, texts, sources, confidence, facts, status, origin, seed_checksum, created_by, created_at, updated_by, updated_at";

function toAnswer(r: Row): CuratedAnswer {
  return {
    id: String(r.id),
    key: r.key,
    variants: r.variants,
    texts: r.texts,
    sources: r.sources,
    confidence: r.confidence,
    facts: r.facts,
    status: r.status,
    origin: r.origin,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

function snapshot(r: Row): NonNullable<CuratedHistoryEntry["previous"]> {
  return {
    texts: r.texts,
    variants: r.variants,
    sources: r.sources,
    confidence: r.confidence,
    facts: r.facts,
    status: r.status,
  };
}

function checkInput(input: unknown): CuratedInput {
  const parsed = curatedInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      `curated answer: ${parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join(".")}: ${i.message}`)
        .join("; ")}`,
    );
  }
  return parsed.data;
}

async function history(
  tx: Queryable,
  answerId: string,
  action: CuratedHistoryEntry["action"],
  by: string,
  previous: Row | undefined,
  note?: string,
) {
  await tx.query(
    `INSERT INTO curated_answer_history (answer_id, action, changed_by, previous, note) VALUES ($1, $2, $3, $4, $5)`,
    [answerId, action, by, previous ? JSON.stringify(snapshot(previous)) : null, note ?? null],
  );
}

async function lockRow(tx: Queryable, id: string): Promise<Row> {
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM curated_answers WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw new AppError(`There is no curated answer ${id}.`);
  return rows[0];
}

/** Adds an answer (published). Its key is made from the first Vietnamese variant when none is given. */
export async function addCuratedAnswer(
  pool: Pool,
  input: CuratedInput & { key?: string },
  by: string,
): Promise<CuratedAnswer> {
  const checked = checkInput(input);
  const key = input.key ?? `board-${createHash("sha256").update(JSON.stringify(checked)).digest("hex").slice(0, 12)}`;
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<Row>(
      `INSERT INTO curated_answers (key, variants, texts, sources, confidence, facts, origin, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'board', $7, $7) RETURNING ${COLUMNS}`,
      [
        key,
        JSON.stringify(checked.variants),
        JSON.stringify(checked.texts),
        JSON.stringify(checked.sources),
        checked.confidence,
        checked.facts,
        by,
      ],
    );
    await history(tx, rows[0]!.id, "add", by, undefined);
    return toAnswer(rows[0]!);
  });
}

/** Corrects an answer: any of its texts, variants, sources, confidence, facts. The old version goes to history. */
export async function editCuratedAnswer(
  pool: Pool,
  id: string,
  patch: Partial<CuratedInput>,
  by: string,
  note?: string,
): Promise<CuratedAnswer> {
  return withTransaction(pool, async (tx) => {
    const before = await lockRow(tx, id);
    const next = checkInput({
      variants: { ...before.variants, ...patch.variants },
      texts: { ...before.texts, ...patch.texts },
      sources: patch.sources ?? before.sources,
      confidence: patch.confidence ?? before.confidence,
      facts: patch.facts ?? before.facts,
    });
    const { rows } = await tx.query<Row>(
      `UPDATE curated_answers SET variants = $2, texts = $3, sources = $4, confidence = $5, facts = $6,
              updated_by = $7, updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        JSON.stringify(next.variants),
        JSON.stringify(next.texts),
        JSON.stringify(next.sources),
        next.confidence,
        next.facts,
        by,
      ],
    );
    await history(tx, id, "edit", by, before, note);
    return toAnswer(rows[0]!);
  });
}

async function setStatus(pool: Pool, id: string, status: CuratedStatus, by: string, note?: string) {
  return withTransaction(pool, async (tx) => {
    const before = await lockRow(tx, id);
    if (before.status === status) return toAnswer(before);
    const { rows } = await tx.query<Row>(
      `UPDATE curated_answers SET status = $2, updated_by = $3, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, status, by],
    );
    await history(tx, id, status === "withdrawn" ? "withdraw" : "publish", by, before, note);
    return toAnswer(rows[0]!);
  });
}

/** Withdraws an answer: it no longer answers anyone; it and its history stay. */
export function withdrawCuratedAnswer(pool: Pool, id: string, by: string, note?: string): Promise<CuratedAnswer> {
  return setStatus(pool, id, "withdrawn", by, note);
}

/** Publishes a withdrawn answer again. */
export function publishCuratedAnswer(pool: Pool, id: string, by: string, note?: string): Promise<CuratedAnswer> {
  return setStatus(pool, id, "published", by, note);
}

export async function listCuratedAnswers(
  q: Queryable,
  options: { status?: CuratedStatus; kind?: "short" | "board" } = {},
) {
  // kind 'board': published Board answers (migration 0050), matched by board-answers-store.ts, not here.
  const { rows } = await q.query<Row>(
    `SELECT ${COLUMNS} FROM curated_answers WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2)
      ORDER BY key`,
    [options.status ?? null, options.kind ?? null],
  );
  return rows.map(toAnswer);
}

export async function getCuratedAnswer(q: Queryable, id: string): Promise<CuratedAnswer | undefined> {
  const { rows } = await q.query<Row>(`SELECT ${COLUMNS} FROM curated_answers WHERE id = $1`, [id]);
  return rows[0] ? toAnswer(rows[0]) : undefined;
}

export async function curatedHistory(q: Queryable, id: string): Promise<CuratedHistoryEntry[]> {
  const { rows } = await q.query<{
    id: string;
    answer_id: string;
    action: CuratedHistoryEntry["action"];
    changed_by: string;
    changed_at: Date;
    previous: CuratedHistoryEntry["previous"];
    note: string | null;
  }>(
    `SELECT id, answer_id, action, changed_by, changed_at, previous, note
       FROM curated_answer_history WHERE answer_id = $1 ORDER BY id`,
    [id],
  );
  return rows.map((r) => ({
    id: String(r.id),
    answerId: String(r.answer_id),
    action: r.action,
    changedBy: r.changed_by,
    changedAt: r.changed_at,
    previous: r.previous,
    note: r.note,
  }));
}

export type SeedReport = {
  added: string[];
  updated: string[];
  unchanged: string[];
  /** Seed rows no longer in the file, withdrawn. */
  withdrawn: string[];
  /** Rows the Board edited since: the file's version is not applied over theirs. */
  keptEdits: string[];
  /** Seed entries naming sections the index does not hold: not loaded. */
  failed: { key: string; error: string }[];
};

function seedChecksum(seed: CuratedSeed): string {
  return createHash("sha256").update(JSON.stringify(seed)).digest("hex");
}

/**
 * Brings the seeded answers in line with the seed file, keyed by `key`: new ones added, changed ones updated (the
 * old text to history) unless someone else edited them since, removed ones withdrawn. Entries whose sources are
 * not in the index are reported, not loaded. Running it twice changes nothing.
 */
export async function seedCuratedAnswers(pool: Pool, seeds: CuratedSeed[]): Promise<SeedReport> {
  const report: SeedReport = { added: [], updated: [], unchanged: [], withdrawn: [], keptEdits: [], failed: [] };
  const existing = new Map((await listCuratedAnswersRaw(pool)).map((r) => [r.key, r]));
  // Only the entries to write are checked against the index (an unchanged file reads no chunk at all).
  const toWrite = seeds.filter((seed) => {
    const row = existing.get(seed.key);
    return !row || row.seed_checksum !== seedChecksum(seed) || row.status !== "published";
  });
  const sections = toWrite.length ? await indexedSections(pool, toWrite) : new Set<string>();
  for (const seed of seeds) {
    const checksum = seedChecksum(seed);
    const row = existing.get(seed.key);
    existing.delete(seed.key);
    if (row && row.seed_checksum === checksum && row.status === "published") {
      report.unchanged.push(seed.key);
      continue;
    }
    const missing = seed.sources.filter((s) => !sections.has(`${s.doc}#${s.section}`));
    if (missing.length) {
      report.failed.push({
        key: seed.key,
        error: `sources not in the index: ${missing.map((m) => `${m.doc} ${m.section}`).join(", ")}`,
      });
      continue;
    }
    if (!row) {
      await withTransaction(pool, async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          `INSERT INTO curated_answers (key, variants, texts, sources, confidence, facts, origin, seed_checksum,
                                        created_by, updated_by)
           VALUES ($1, $2, $3, $4, $5, $6, 'seed', $7, 'seed', 'seed') RETURNING id`,
          [
            seed.key,
            JSON.stringify(seed.variants),
            JSON.stringify(seed.texts),
            JSON.stringify(seed.sources),
            seed.confidence,
            seed.facts,
            checksum,
          ],
        );
        await history(tx, rows[0]!.id, "add", "seed", undefined);
      });
      report.added.push(seed.key);
      continue;
    }
    if (row.origin !== "seed" || row.updated_by !== "seed") {
      // The Board's correction (or withdrawal) wins over the file.
      report.keptEdits.push(seed.key);
      continue;
    }
    await withTransaction(pool, async (tx) => {
      const before = await lockRow(tx, row.id);
      await tx.query(
        `UPDATE curated_answers SET variants = $2, texts = $3, sources = $4, confidence = $5, facts = $6,
                status = 'published', seed_checksum = $7, updated_by = 'seed', updated_at = now()
          WHERE id = $1`,
        [
          row.id,
          JSON.stringify(seed.variants),
          JSON.stringify(seed.texts),
          JSON.stringify(seed.sources),
          seed.confidence,
          seed.facts,
          checksum,
        ],
      );
      await history(tx, row.id, before.status === "withdrawn" ? "publish" : "edit", "seed", before, "seed file");
    });
    report.updated.push(seed.key);
  }
  for (const row of existing.values()) {
    if (row.origin === "seed" && row.updated_by === "seed" && row.status === "published") {
      await withdrawCuratedAnswer(pool, row.id, "seed", "no longer in the seed file");
      report.withdrawn.push(row.key);
    }
  }
  return report;
}

async function listCuratedAnswersRaw(q: Queryable): Promise<Row[]> {
  return (await q.query<Row>(`SELECT ${COLUMNS} FROM curated_answers`)).rows;
}

/** "doc#section path" of the indexed sections (any edition) of the seeds' documents. */
async function indexedSections(q: Queryable, seeds: CuratedSeed[]): Promise<Set<string>> {
  const docs = [...new Set(seeds.flatMap((s) => s.sources.map((source) => source.doc)))];
  const { rows } = await q.query<{ key: string }>(
    `SELECT DISTINCT d.doc_id || '#' || array_to_string((string_to_array(c.section, ' › '))[2:], ' › ') AS key
       FROM chunks c JOIN documents d ON d.path = c.document_path
      WHERE d.doc_id = ANY($1::text[])`,
    [docs],
  );
  return new Set(rows.map((r) => r.key));
}

export type CuratedHit = {
  answer: CuratedAnswer;
  score: number;
  variant: string;
  /** The sections it rests on, in the asker's language where that edition exists. */
  passages: ChunkRow[];
};

/**
 * Matches questions against the published answers. The answers are read once and again only when they changed
 * (their count or last update), so a Board correction answers the next question.
 */
export function createCuratedMatcher(pool: Pool) {
  let cache: { stamp: string; match: ReturnType<typeof createMatcher<CuratedAnswer>> } | undefined;

  async function current() {
    const { rows } = await pool.query<{ stamp: string }>(
      "SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') AS stamp FROM curated_answers",
    );
    const stamp = rows[0]!.stamp;
    if (cache?.stamp !== stamp) {
      cache = { stamp, match: createMatcher(await listCuratedAnswers(pool, { status: "published", kind: "short" })) };
    }
    return cache.match;
  }

  return {
    async match(question: string, lang: Lang): Promise<CuratedHit | undefined> {
      const hit = (await current())(question, lang);
      if (!hit) return undefined;
      const passages = await findSections(
        pool,
        hit.answer.sources.map((s) => ({ docId: s.doc, section: s.section })),
        lang,
      );
      return { answer: hit.answer, score: hit.score, variant: hit.variant, passages };
    },
  };
}

export type CuratedMatcher = ReturnType<typeof createCuratedMatcher>;
