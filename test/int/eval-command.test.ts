import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { MINI_CORPUS } from "../helpers/app-fixture.ts";
import { startFakeOpenAI } from "../helpers/fake-openai.ts";

const BIN = join(import.meta.dirname, "..", "..", "bin", "daihoi.js");

it("daihoi eval runs offline and, with an OpenAI-compatible server, again with its embeddings and answers", async () => {
  // The model refuses everything: unanswerable questions count as refused; retrieval figures still come out.
  const fake = await startFakeOpenAI({ reply: () => "NO_ANSWER", dimensions: 512 });
  const dir = await mkdtemp(join(tmpdir(), "daihoi-eval-"));
  const questions = join(dir, "questions.json");
  await writeFile(
    questions,
    JSON.stringify([
      {
        id: "vi-1",
        lang: "vi",
        style: "accented",
        question: "Chuẩn y là gì?",
        expect: [{ doc: "thuat-ngu-mau", section: "Chuẩn y" }],
      },
      {
        id: "vn-1",
        lang: "vi",
        style: "unaccented",
        question: "dai hoi chi bo bao lau",
        expect: [{ doc: "chi-thi-mau", section: "II › 2" }],
      },
      {
        id: "pl-1",
        lang: "pl",
        style: "pl",
        question: "Ile trwa zjazd komórki?",
        expect: [{ doc: "chi-thi-mau", section: "II › 2" }],
      },
      { id: "no-1", lang: "en", style: "en", question: "Who won the football match?", answerable: false, gap: "none" },
      {
        id: "no-2",
        lang: "vi",
        style: "accented",
        question: "Chuẩn y kết quả đại hội mất bao nhiêu ngày?",
        answerable: false,
        gap: "G9",
      },
    ]),
  );
  try {
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, "eval", "--questions", questions, "--out", dir], {
        env: {
          PATH: process.env.PATH ?? "",
          CORPUS_DIR: MINI_CORPUS,
          OPENAI_BASE_URL: fake.baseURL,
          OPENAI_API_KEY: "test",
        },
        stdio: ["ignore", "pipe", "inherit"],
      });
      let stdout = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
      child.on("close", (code) => resolve({ code, stdout }));
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("== offline ==");
    expect(result.stdout).toContain("== openai ==");
    expect(result.stdout).toMatch(/vi \(no diacritics\)\s+1\s+0\.000|vi \(no diacritics\)\s+1\s+1\.000/);
    const offline = JSON.parse(await readFile(join(dir, "eval-offline.json"), "utf8"));
    const online = JSON.parse(await readFile(join(dir, "eval-openai.json"), "utf8"));
    expect(offline.embeddings).toBe("local:hash-ngram-v2");
    expect(online.embeddings).toBe("openai:text-embedding-3-small");
    expect(offline.groups.vi.hitAt5).toBe(1);
    expect(online.unanswerable).toMatchObject({ n: 2, refused: 2, share: 1 });
    // Offline, the second one is answered with quotes: only the model can tell the passage does not answer it.
    expect(offline.unanswerable).toMatchObject({ n: 2, refused: 1 });
    expect(fake.embeddingRequests.length).toBeGreaterThan(0);
    expect(fake.chatRequests.length).toBeGreaterThan(0);
  } finally {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}, 60_000);
