import { describe, expect, it } from "vitest";
import { decodeCsv, parseCsvRecords } from "../../src/units/csv.ts";
import { parseUnitsCsv, unitsToCsv } from "../../src/units/registry-csv.ts";

const HEADER = "code,name,kind,type,model,planned_congress_date";
const utf16le = (text: string, bom = true) =>
  new Uint8Array([...(bom ? [0xff, 0xfe] : []), ...Buffer.from(text, "utf16le")]);

describe("registry files as Excel and people save them", () => {
  it("reads UTF-8 with or without a byte-order mark, and UTF-16 (Excel's Unicode text)", () => {
    const text = `${HEADER}\r\nP-DONGSON,Đảng bộ phường Đông Sơn,committee,ward,yes,21/02/2025\r\n`;
    const expected = [
      {
        code: "P-DONGSON",
        name: "Đảng bộ phường Đông Sơn",
        kind: "committee",
        type: "ward",
        model: true,
        plannedCongressDate: "2025-02-21",
      },
    ];
    expect(parseUnitsCsv(new Uint8Array(Buffer.from(text)))).toEqual(expected);
    expect(parseUnitsCsv(new Uint8Array(Buffer.from(`\uFEFF${text}`)))).toEqual(expected);
    expect(parseUnitsCsv(utf16le(text))).toEqual(expected);
    expect(parseUnitsCsv(utf16le(text, false))).toEqual(expected);
    expect(decodeCsv(utf16le(text)).encoding).toBe("UTF-16LE");
  });

  it("reads a file separated by semicolons (Excel where the comma is the decimal mark)", () => {
    const text = `${HEADER.replaceAll(",", ";")}\nX-TWO;Đảng bộ xã Hai, Đông Sơn;committee;commune;no;\n`;
    expect(parseUnitsCsv(text)).toMatchObject([{ code: "X-TWO", name: "Đảng bộ xã Hai, Đông Sơn" }]);
  });

  it("refuses a file that is not UTF-8, naming the encoding problem and how to save it — nothing imported", () => {
    // "Đông Sơn" in Windows-1258 (what plain "CSV" gives on a Vietnamese Windows): not UTF-8.
    const cp1258 = new Uint8Array([
      ...Buffer.from(`${HEADER}\nP-X,`),
      0xd0,
      0xf4,
      0x6e,
      0x67,
      ...Buffer.from(",committee,ward,no,\n"),
    ]);
    expect(() => parseUnitsCsv(cp1258)).toThrow(/line 2.*not UTF-8.*CSV UTF-8/s);
  });

  it("refuses broken quoting with the line it starts on, and counts lines of multi-line fields", () => {
    expect(() => parseCsvRecords(`a,b\n1,"2\n3,4\n`)).toThrow(/line \d+: a quoted field is never closed/);
    expect(() => parseCsvRecords(`a,b\n1,x"y"z\n`)).toThrow(/line 2/);
    const records = parseCsvRecords(`a,b\n"multi\nline",1\nnext,2\n`);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(() => parseUnitsCsv(`${HEADER}\nP-A,"Đảng bộ\nhai dòng",committee,ward,no,\nbad,B,x,ward,no,\n`)).toThrow(
      /line 4, kind: must be committee or cell/,
    );
  });

  it("export then import gives the same registry, also for names and codes that look like formulas", () => {
    const units = [
      {
        code: "-DASH",
        name: "=Đảng bộ +1 @x",
        kind: "cell" as const,
        type: "school",
        model: false,
        plannedCongressDate: null,
        active: true,
      },
      {
        code: "P-ONE",
        name: 'Chi bộ "Một", số 1',
        kind: "committee" as const,
        type: "ward",
        model: true,
        plannedCongressDate: "2025-03-12",
        active: true,
      },
    ];
    for (const delimiter of [",", ";"] as const) {
      const back = parseUnitsCsv(new Uint8Array(Buffer.from(unitsToCsv(units, delimiter))));
      expect(back).toEqual(units.map(({ active: _active, ...u }) => u));
    }
  });

  it("strips control characters from what it stores", () => {
    expect(parseUnitsCsv(`${HEADER}\nP-A,Chi\u0000 bộ\u0007 A,cell,school,no,\n`)[0]!.name).toBe("Chi bộ A");
  });
});
