import { spawn } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINI_CORPUS } from "../helpers/app-fixture.ts";

const BIN = join(import.meta.dirname, "..", "..", "bin", "daihoi.js");

/** Runs the real `daihoi` command in a child process with its own data folder and no network services. */
function run(args: string[], input: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", LANG: "C.UTF-8", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

// Each test runs the real command several times, a process each (a few seconds apiece on a busy machine).
describe("the daihoi command", { timeout: 120_000 }, () => {
  let dataDir: string;
  let corpusDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "daihoi-data-"));
    corpusDir = await mkdtemp(join(tmpdir(), "daihoi-corpus-"));
    await cp(MINI_CORPUS, corpusDir, { recursive: true });
    env = { DATA_DIR: dataDir, CORPUS_DIR: corpusDir };
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(corpusDir, { recursive: true, force: true });
  });

  it("npm start without a token: a terminal chat over piped stdin that indexes on first start and exits at end of input", async () => {
    const { code, stdout, stderr } = await run(["start"], "dai hoi dang bo co so co may noi dung\n/help\n", env);
    expect(code).toBe(0);
    expect(stderr).toContain("Indexing corpus/ for the first time");
    // The first screen, as Telegram shows it: the answer, then its source line.
    expect(stdout).toContain("Đại hội đảng bộ cơ sở và chi bộ có bốn nội dung");
    expect(stdout).toContain("📄 Trả lời bằng trích đoạn: Chỉ thị 99-CT/TW, mục II.1 (14/6/2024)");
    expect(stdout).toContain("Cách dùng Trợ lý Đại hội");
    expect(stdout).not.toMatch(/<\/?(b|i|blockquote)>/); // plain text, not HTML
  });

  it("ask --json answers each stdin line in order, one JSON object per line, sources best first", async () => {
    const questions = ["chuan y la gi", "Jak długo trwa zjazd komórki partyjnej?", "What is the weather tomorrow?"];
    const { code, stdout } = await run(["ask", "--json"], `${questions.join("\n")}\n`, env);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].mode).toBe("extractive");
    expect(lines[0].sources[0]).toMatchObject({
      title: "Thuật ngữ (tài liệu kiểm thử)",
      section: "Thuật ngữ › Chuẩn y",
    });
    expect(Object.keys(lines[0].sources[0]).sort()).toEqual(["links", "number", "score", "section", "text", "title"]);
    expect(lines[1].sources[0].section).toBe("Dyrektywa 99-CT/TW › II › 2");
    expect(lines[1].answer).toContain("Zjazd komórki partyjnej trwa pół dnia.");
    expect(lines[1].answer).toContain("Odpowiedź z fragmentu dokumentu");
    expect(lines[1].summary).toBe("Zjazd komórki partyjnej trwa pół dnia.");
    expect(lines[2]).toEqual({
      mode: "none",
      refusal: "off-topic",
      summary: expect.stringContaining("I only answer questions about the procedures"),
      sources: [],
      answer: expect.stringContaining("I only answer questions about the procedures"),
    });
    for (const line of lines) {
      const scores = line.sources.map((s: { score: number }) => s.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    }
  });

  it("ask with a question argument and --lang answers once", async () => {
    const { code, stdout } = await run(["ask", "so du bau cu toi da", "--lang", "en"], "", env);
    expect(code).toBe(0);
    expect(stdout).toContain("30%");
  });

  it("ingest reports what it did; a second run finds everything unchanged", async () => {
    const { stdout, code } = await run(["ingest", corpusDir], "", env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/added 0, updated 0, removed 0, unchanged 3; 0 chunks written in \d+\.\d\d s/);
  });

  it("refuses bad configuration with one line per problem and never prints a secret", async () => {
    const secret = "sk-very-secret-value-123";
    const { code, stderr } = await run(["ask", "x"], "", {
      ...env,
      OPENAI_API_KEY: secret,
      OPENAI_BASE_URL: "not a url",
      LOG_LEVEL: "loud",
    });
    expect(code).toBe(2);
    expect(stderr).toContain("OPENAI_BASE_URL: must be a URL");
    expect(stderr).toContain("LOG_LEVEL:");
    expect(stderr).not.toContain(secret);
  });

  it("rejects a bad --lang and unknown commands with usage help", async () => {
    expect((await run(["ask", "x", "--lang", "de"], "", env)).stderr).toContain("--lang must be one of vi, pl, en");
    const unknown = await run(["frobnicate"], "", env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });

  it("units import/export, invite --json and export work from the command line", async () => {
    const csv = join(dataDir, "units.csv");
    const { writeFile } = await import("node:fs/promises");
    await writeFile(
      csv,
      "code,name,kind,type,model,planned_congress_date\nP-DONGSON,Đảng bộ phường Đông Sơn,committee,ward,yes,21/02/2025\n",
    );
    expect((await run(["units", "import", csv], "", env)).stdout).toBe("created 1, updated 0, unchanged 0\n");
    expect((await run(["units", "import", csv], "", env)).stdout).toBe("created 0, updated 0, unchanged 1\n");
    const exported = await run(["units", "export"], "", env);
    expect(exported.stdout).toBe(
      "\uFEFFcode,name,kind,type,model,planned_congress_date\r\nP-DONGSON,Đảng bộ phường Đông Sơn,committee,ward,yes,21/02/2025\r\n",
    );
    const invite = JSON.parse((await run(["invite", "p-dongson", "--role", "deputy", "--json"], "", env)).stdout);
    expect(invite).toEqual({
      code: expect.stringMatching(/^[A-Z2-9]{10}$/),
      unit: "P-DONGSON",
      expires_at: expect.any(String),
    });
    expect(Date.parse(invite.expires_at) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const bad = await run(["invite", "NOPE"], "", env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("There is no unit with the code NOPE.");
    // The progress export: an Excel workbook by default, CSV on request ("," or ";").
    const progress = await run(["export", "--csv", "--delimiter", ";", "--lang", "en"], "", env);
    expect(
      progress.stdout.startsWith("\uFEFFCode;Unit;Kind;Type;Model unit;Secretary;Deputy secretary;Date set: date"),
    ).toBe(true);
    const xlsxFile = join(dataDir, "progress.xlsx");
    const written = await run(["export", "--out", xlsxFile], "", env);
    expect(written.stdout).toContain(`Written to ${xlsxFile}`);
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxFile);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Tiến độ", "Tổng hợp theo bước", "Nhật ký"]);
    expect(wb.getWorksheet("Tiến độ")!.getRow(2).getCell(1).value).toBe("P-DONGSON");
    await writeFile(csv, "code,name,kind,type,model,planned_congress_date\nX,Y,committee,ward,maybe,\n");
    const rejected = await run(["units", "import", csv], "", env);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain("line 2, code: letters, digits");
    expect(rejected.stderr).toContain("line 2, model: must be yes or no");
  });

  it("invite --all: a working code and link for each of the 128 units in one command; a second run revokes the first run's", async () => {
    const own = { ...env, DATA_DIR: await mkdtemp(join(tmpdir(), "daihoi-all-")) };
    const csv = join(import.meta.dirname, "..", "..", "docs", "units-thanh-hoa.example.csv");
    expect((await run(["units", "import", csv], "", own)).stdout).toBe("created 128, updated 0, unchanged 0\n");
    const sheet = join(own.DATA_DIR, "invites.xlsx");
    const first = await run(["invite", "--all", "--out", sheet, "--bot", "daihoi_test_bot", "--json"], "", own);
    expect(first.code).toBe(0);
    const rows = first.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { unit: string; code: string; link: string });
    expect(rows).toHaveLength(128);
    expect(new Set(rows.map((r) => r.code)).size).toBe(128);
    expect(rows[0]!.link).toBe(`https://t.me/daihoi_test_bot?start=${rows[0]!.code}`);
    // The sheet to hand out: a row per unit, with its code, link and expiry.
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sheet);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(129);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      "Mã",
      "Đơn vị",
      "Loại hình",
      "Vai trò",
      "Mã mời",
      "Đường dẫn",
      "Hiệu lực đến",
    ]);
    expect(ws.getRow(2).getCell(7).value).toBeInstanceOf(Date);
    // A secretary joins with one of them.
    const joined = await run(["start"], `/start ${rows[5]!.code}\n`, own);
    expect(joined.stdout).toContain(`(${rows[5]!.unit})`);
    // The second run: every unit but the one that has its secretary now; the first run's codes no longer work.
    const second = await run(["invite", "--all", "--out", join(own.DATA_DIR, "again.csv")], "", own);
    expect(second.stdout).toContain("127 invite codes written to");
    const stale = await run(["start"], `/start ${rows[6]!.code}\n`, own);
    expect(stale.stdout).toContain("Mã mời này đã được thay bằng mã mới");
  });

  it("board grant, list and revoke from the command line; the configured Board cannot be revoked there", async () => {
    const own = { ...env, DATA_DIR: await mkdtemp(join(tmpdir(), "daihoi-board-")), ADMIN_TELEGRAM_IDS: "900" };
    await run(["start"], "/start\n", own); // the local user (1000000001) writes to the bot
    expect((await run(["board", "grant", "1000000001"], "", own)).stdout).toContain(
      "is now a member of the City Organization Board",
    );
    expect((await run(["board", "list"], "", own)).stdout).toBe("900\t900\t(ADMIN_TELEGRAM_IDS)\n1000000001\tLocal\n");
    const refused = await run(["board", "revoke", "900"], "", own);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("(ADMIN_TELEGRAM_IDS)");
    expect((await run(["board", "revoke", "1000000001"], "", own)).stdout).toContain("no longer has");
    expect((await run(["board", "list"], "", own)).stdout).toBe("900\t900\t(ADMIN_TELEGRAM_IDS)\n");
  });

  it("reminders preview prints what would be sent at a moment, and sends nothing", async () => {
    const csv = join(dataDir, "units2.csv");
    const { writeFile } = await import("node:fs/promises");
    await writeFile(
      csv,
      "code,name,kind,type,model,planned_congress_date\nX-TWO,Đảng bộ xã Hai,committee,commune,no,20/03/2025\n",
    );
    await run(["units", "import", csv], "", env);
    const code = JSON.parse((await run(["invite", "X-TWO", "--json"], "", env)).stdout).code as string;
    const joined = await run(["start"], `/start ${code}\n`, env);
    expect(joined.stdout).toContain("Đảng bộ xã Hai (X-TWO)");
    const preview = await run(["reminders", "preview", "--at", "2025-03-13T08:00+07:00", "--json"], "", env);
    const items = preview.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    // One morning message holding the three items, each with its buttons.
    expect(items).toHaveLength(1);
    expect(items[0].telegram_id).toBe(1000000001);
    expect(items[0].items).toEqual([
      { unit: "X-TWO", milestone: "drafts_sent", deadline: "2025-03-05", kind: "nudge" },
      { unit: "X-TWO", milestone: "dossiers", deadline: "2025-03-05", kind: "nudge" },
      { unit: "X-TWO", milestone: "held", deadline: "2025-03-20", kind: "reminder" },
    ]);
    expect(items[0].text).toContain("3. ⏰ “Đã tổ chức đại hội” — hạn 20/03/2025, còn 7 ngày");
    expect(items[0].text).toContain("1. ❗ “Đã gửi dự thảo văn kiện");
    const night = await run(["reminders", "preview", "--at", "2025-03-13T22:00+07:00"], "", env);
    expect(night.stdout).toBe("Nothing would be sent at that moment.\n");
  });
});
