import { describe, expect, it } from "vitest";
import { classifyQuestion, namesSomeone } from "../../src/rag/refusal.ts";

describe("classifyQuestion", () => {
  it.each([
    ["Ai sẽ là bí thư thành ủy nhiệm kỳ tới?", "vi"],
    ["ai se lam bi thu dang uy phuong khoa toi", "vi"],
    ["Ai sẽ được bầu vào ban thường vụ khóa mới?", "vi"],
    ["Đồng chí Lê Anh Xuân có được tái cử không?", "vi"],
    ["Khả năng đồng chí Hùng trúng cử bí thư là bao nhiêu?", "vi"],
    ["Kto zostanie nowym sekretarzem komitetu miejskiego?", "pl"],
    ["Jakie szanse ma Nguyen Van Hung na wybór?", "pl"],
    ["Who will be the next city party secretary?", "en"],
    ["Will Nguyen Van Hung be re-elected?", "en"],
    ["What are the chances that Le Anh Xuan gets appointed?", "en"],
  ] as const)("refuses the personnel question %s", (question, lang) => {
    expect(classifyQuestion(question, lang).refusal).toBe("personnel");
  });

  it.each([
    ["Ai chủ trì đại hội chi bộ?", "vi"],
    ["Ai bầu bí thư chi bộ?", "vi"],
    ["Chi bộ đã bầu đến lần thứ ba mà vẫn chưa ai đủ phiếu làm bí thư thì cấp trên xử lý ra sao?", "vi"],
    ["Ai sẽ là người triệu tập đại hội?", "vi"],
    ["bi thu dang uy xa phuong moi co phai la nguoi dia phuong khong", "vi"],
    ["hoi nghi truc tuyen rut kinh nghiem dai hoi diem chieu 28/2/2025 do ai chu tri", "vi"],
    ["Người được giới thiệu tái cử cấp ủy phải còn ít nhất bao nhiêu tháng công tác?", "vi"],
    ["Kto zatwierdza wyniki wyborów na zjeździe komórki?", "pl"],
    ["Who elects the new secretary?", "en"],
    ["Two cells are merging. Who leads the merged cell until a new cell committee is in place?", "en"],
    ["Does the candidate match the criteria?", "en"],
  ] as const)("answers the procedural question %s", (question, lang) => {
    expect(classifyQuestion(question, lang)).toEqual({});
  });

  it.each([
    ["Thời tiết Thanh Hóa ngày mai thế nào?", "vi"],
    ["Hôm đại hội chi bộ tuần sau trời có mưa không?", "vi"],
    ["gia vang hom nay o thanh hoa bao nhieu", "vi"],
    ["Jaka będzie jutro pogoda w Thanh Hoa?", "pl"],
    ["Jaki był wynik wczorajszego meczu Legii Warszawa?", "pl"],
    ["What will the weather be like on the day of the party congress?", "en"],
    ["Who won the Vietnam vs Thailand football match last night?", "en"],
  ] as const)("refuses the off-topic question %s, even when it names Thanh Hóa or a party word", (question, lang) => {
    expect(classifyQuestion(question, lang).refusal).toBe("off-topic");
  });

  it("tells a Polish personnel question even when the language could not be told (no Polish letters)", () => {
    expect(classifyQuestion("Kto zostanie sekretarzem komitetu?", "vi").refusal).toBe("personnel");
  });
});

describe("namesSomeone", () => {
  it("finds a person's name but not places, bodies or documents", () => {
    expect(namesSomeone("Đồng chí Lê Anh Xuân có tái cử không?")).toBe(true);
    expect(namesSomeone("Will Nguyen Van Hung be re-elected?")).toBe(true);
    expect(namesSomeone("Đại hội phường Đông Sơn ngày 21/2/2025")).toBe(false);
    expect(namesSomeone("Ban Tổ chức Thành ủy Thanh Hóa trả lời")).toBe(false);
    expect(namesSomeone("Chỉ thị 45 của Bộ Chính trị")).toBe(false);
  });
});
