import { describe, expect, it } from "vitest";
import {
  answerTypeBonus,
  documentReferences,
  questionParts,
  questionTypes,
  searchTokens,
  synonymsOf,
} from "../../src/rag/question.ts";

describe("questionTypes", () => {
  it("reads what a question asks for, in the three languages, with or without diacritics", () => {
    expect(questionTypes("Đại hội chi bộ kéo dài tối đa bao lâu?")).toContain("duration");
    expect(questionTypes("dai hoi phai xong truoc ngay nao")).toContain("date");
    expect(questionTypes("Ile członków może liczyć komitet?")).toContain("count");
    expect(questionTypes("Who approves the election results?")).toContain("who");
    expect(questionTypes("Czy można nie wybierać komitetu?")).toContain("rule");
  });
});

describe("searchTokens", () => {
  it("leaves out the words that only frame a question, and a follow-up's opening", () => {
    expect(searchTokens("Cho em hỏi đại hội chi bộ kéo dài bao lâu ạ?", "vi")).toEqual(
      ["dai", "hoi", "chi", "bo", "keo", "dai"].filter((t, i, a) => a.indexOf(t) === i),
    );
    expect(searchTokens("How long can a grassroots congress last?", "en")).toEqual(["grassroots", "congress", "last"]);
    expect(searchTokens("Còn chi bộ thì sao?", "vi")).toEqual(["chi", "bo"]);
    // "báo cáo" keeps its "bao": only "bao lâu", "bao nhiêu", "bao giờ" frame a question.
    expect(searchTokens("Báo cáo chính trị gồm những gì?", "vi")).toContain("bao");
  });
});

describe("questionParts", () => {
  it("splits a question whose second part asks something of its own", () => {
    expect(questionParts("Đại hội đảng bộ cơ sở được tổ chức tối đa mấy ngày và phải xong trước ngày nào?")).toEqual([
      "Đại hội đảng bộ cơ sở được tổ chức tối đa mấy ngày",
      "phải xong trước ngày nào",
    ]);
    expect(questionParts("When was Directive 45 issued, and what budget does Plan 268 set aside?")).toHaveLength(2);
    expect(
      questionParts("Ile członków może mieć komitet komórki i jakie dokumenty zawiera teczka kadrowa?"),
    ).toHaveLength(2);
  });

  it("keeps one question together: a conjunction inside it, a request to list, a lead-in sentence", () => {
    const one = [
      "Đảng bộ phường mới hợp nhất thì đại hội có bầu cấp ủy khóa mới và bầu đại biểu đi dự đại hội cấp trên không?",
      "Chỉ thị 35 đặt ra mấy yêu cầu đối với đại hội? Kể giúp tôi với.",
      "Czego miasto wymaga od Wydziału Organizacyjnego i Komisji Kontroli przy odsiewaniu osób, które nie spełniają kryteriów?",
      "A re-elected committee member wants to stand again as People's Committee chair. How much service time must be left?",
    ];
    for (const q of one) expect(questionParts(q)).toEqual([q]);
  });
});

describe("documentReferences", () => {
  it("finds the documents a question names, not other numbers", () => {
    expect([...documentReferences("Chỉ thị 45 quy định đại hội đảng bộ xã phải xong trước ngày nào?").numbers]).toEqual(
      ["45"],
    );
    expect([...documentReferences("Czego dotyczyła Konkluzja 127 z lutego 2025?").numbers]).toEqual(["127"]);
    expect([...documentReferences("Kế hoạch 268-KH/TU yêu cầu gì?").numbers]).toEqual(["268"]);
    expect(documentReferences("Chi bộ em có 12 đảng viên chính thức").numbers.size).toBe(0);
  });
});

describe("answerTypeBonus", () => {
  it("prefers a passage holding a quantity with its unit for a count question — not an article number", () => {
    expect(
      answerTypeBonus("Đại hội quyết định số dư, nhưng không quá 30% số lượng cần bầu.", ["count"]),
    ).toBeGreaterThan(0);
    expect(answerTypeBonus("Theo Điều 14, danh sách bầu phải có số dư.", ["count"])).toBe(0);
    expect(answerTypeBonus("Đại hội chi bộ tiến hành trong nửa ngày.", ["duration"])).toBeGreaterThan(0);
    // The line of sources (with its URLs and dates) does not count.
    expect(answerTypeBonus("Bầu cử kín.\nNguồn: https://x.vn/2025/1/12 ; Độ tin cậy: cao", ["date"])).toBe(0);
  });
});

describe("synonymsOf", () => {
  it("knows a few words the documents write differently, none for folded Vietnamese", () => {
    expect(synonymsOf("issued", "en")).toContain("signed");
    expect(synonymsOf("ky", "vi")).toEqual([]);
  });
});
