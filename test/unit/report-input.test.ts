import { describe, expect, it } from "vitest";
import {
  looksLikeQuestion,
  parseCountAnswer,
  parseDateAnswer,
  parseReminderReply,
  parseYesNo,
} from "../../src/reports/input.ts";

const TODAY = "2025-04-20";

describe("inputs as secretaries type them", () => {
  it.each([
    ["15/4", "2025-04-15"],
    ["15-4-2025", "2025-04-15"],
    ["15.04", "2025-04-15"],
    ["15/04/25", "2025-04-15"],
    ["ngày 15/4", "2025-04-15"],
    ["15 tháng 4", "2025-04-15"],
    ["hôm nay", TODAY],
    ["hom nay", TODAY],
    ["Hôm qua", "2025-04-19"],
    ["dzisiaj", TODAY],
    ["wczoraj", "2025-04-19"],
    ["today", TODAY],
    ["yesterday", "2025-04-19"],
    ["on 2/5", "2025-05-02"],
  ])("the date %s is %s", (text, date) => {
    expect(parseDateAnswer(text, TODAY)).toBe(date);
  });

  it("reads a day and month without a year as the nearest such day (December typed in January is last year's)", () => {
    expect(parseDateAnswer("28/12", "2026-01-05")).toBe("2025-12-28");
    expect(parseDateAnswer("3/1", "2025-12-30")).toBe("2026-01-03");
  });

  it.each(["31/2", "hello", "Đại hội chi bộ kéo dài bao lâu", "Có phải họp trước 30/6 không", "15/4 và 20/4 nữa"])(
    "%s is not a date answer",
    (text) => {
      expect(parseDateAnswer(text, TODAY)).toBeUndefined();
    },
  );

  it.each([
    ["27", 27],
    ["27 đồng chí", 27],
    ["27 dong chi", 27],
    ["27 osób", 27],
    ["27 members", 27],
    ["40", 40],
  ])("the count %s is %i", (text, n) => {
    expect(parseCountAnswer(text)).toBe(n);
  });

  it.each(["hai mươi bảy", "27 hay 28", "Ban chấp hành gồm bao nhiêu người được bầu"])("%s is not a count", (text) => {
    expect(parseCountAnswer(text)).toBeUndefined();
  });

  it.each([
    ["có", true],
    ["Co", true],
    ["rồi", true],
    ["tak", true],
    ["yes", true],
    ["không", false],
    ["khong", false],
    ["chưa", false],
    ["nie", false],
    ["no", false],
  ])("%s means %s", (text, value) => {
    expect(parseYesNo(text)).toBe(value);
  });

  it("tells a real question from an answer", () => {
    expect(looksLikeQuestion("Đại hội kéo dài mấy ngày?")).toBe(true);
    expect(looksLikeQuestion("bao nhieu uy vien")).toBe(true);
    expect(looksLikeQuestion("Ile osób może liczyć komitet")).toBe(true);
    expect(looksLikeQuestion("27 đồng chí")).toBe(false);
    expect(looksLikeQuestion("hôm nay")).toBe(false);
  });

  it("understands a free-text reply to a reminder when it says done or not yet with a date", () => {
    expect(parseReminderReply("Zrobione, podpisane wczoraj", TODAY)).toEqual({ kind: "done", date: "2025-04-19" });
    expect(parseReminderReply("Đã xong hôm qua", TODAY)).toEqual({ kind: "done", date: "2025-04-19" });
    expect(parseReminderReply("chưa, dự kiến 25/4", TODAY)).toEqual({ kind: "expected", date: "2025-04-25" });
    expect(parseReminderReply("Not yet, expected on 30/4", TODAY)).toEqual({ kind: "expected", date: "2025-04-30" });
    expect(parseReminderReply("Zrobione", TODAY)).toBeUndefined();
    expect(parseReminderReply("Kiedy musi się zakończyć zjazd?", TODAY)).toBeUndefined();
  });
});
