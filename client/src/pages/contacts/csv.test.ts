import { describe, expect, it } from "vitest";
import { guessMapping, mappingJson, parseCsv, previewCsv, sniffDelimiter, unclosedQuoteLine } from "./csv";

describe("CSV preview", () => {
  it("prefills the mapping from the header names the server recognises", () => {
    expect(
      guessMapping([
        "E-mail Address",
        "Given name",
        "SURNAME",
        "Full Name",
        "Company",
        "email",
        "first_name",
        "",
      ]),
    ).toEqual([
      "email",
      "first_name",
      "last_name",
      "full_name",
      "attribute",
      // Email is already taken by the first column; keep the second as an attribute.
      "attribute",
      // first_name was taken by "Given name".
      "attribute",
      "ignore",
    ]);
    expect(guessMapping(["mail", "firstname", "lastname", "name"])).toEqual([
      "email",
      "first_name",
      "last_name",
      "full_name",
    ]);
    expect(guessMapping(["Email address", "First", "Last", "Family Name"])).toEqual([
      "email",
      "first_name",
      "last_name",
      "attribute",
    ]);
  });

  it("recognises a time zone column under the server's names, once", () => {
    for (const header of ["timezone", "Time Zone", "time_zone", "TZ", "time-zone"]) {
      expect(guessMapping(["email", header])).toEqual(["email", "timezone"]);
    }
    expect(guessMapping(["email", "tz", "timezone"])).toEqual(["email", "timezone", "attribute"]);
    expect(mappingJson(["email", "Zona"], ["email", "timezone"])).toBe(
      JSON.stringify({ email: "email", Zona: "timezone" }),
    );
  });

  it("sniffs the delimiter and parses quotes", () => {
    expect(sniffDelimiter("a;b;c\n1;2;3")).toBe(";");
    expect(sniffDelimiter("a,b\n")).toBe(",");
    expect(sniffDelimiter("a\tb\n")).toBe("\t");
    expect(parseCsv('a,"b, c","say ""hi"""\r\n1,2,3\n\n', ",")).toEqual([
      ["a", "b, c", 'say "hi"'],
      ["1", "2", "3"],
    ]);
  });

  it("reads quotes as the server's csv module does", () => {
    // A quote inside an unquoted cell is kept; text after a closing quote joins the cell; a
    // quoted line break stays in the cell; a lone CR ends a record.
    expect(parseCsv('name,size\nTV,5" screen\n"a"b,"x\ny"\rlast,1', ",")).toEqual([
      ["name", "size"],
      ["TV", '5" screen'],
      ["ab", "x\ny"],
      ["last", "1"],
    ]);
  });

  it("finds a quote that is never closed, on the line its record starts", () => {
    expect(unclosedQuoteLine('email,name\na@x.io,Ann\nb@x.io,"Bob\nc@x.io,Cy\n')).toBe(3);
    expect(unclosedQuoteLine('email,note\na@x.io,"two\nlines"\nb@x.io,"open\n')).toBe(4);
    expect(unclosedQuoteLine('email,name\r\na@x.io,"Bo\r\nb"\r\n')).toBeNull();
    expect(unclosedQuoteLine('email,size\na@x.io,5" screen\n')).toBeNull();
    expect(unclosedQuoteLine('email,name\na@x.io,"Bob"')).toBeNull();
  });

  it("previews the header and the first five rows", () => {
    const lines = ["\ufeffE-mail Address;Name;Plan", ...Array.from({ length: 9 }, (_, i) => `u${i}@x.io;U ${i};pro`)];
    const preview = previewCsv(lines.join("\n"));
    expect(preview.delimiter).toBe(";");
    expect(preview.headers).toEqual(["E-mail Address", "Name", "Plan"]);
    expect(preview.rows).toHaveLength(5);
    expect(preview.rows[0]).toEqual(["u0@x.io", "U 0", "pro"]);
  });

  it("sends attributes under their own column name", () => {
    expect(
      JSON.parse(mappingJson(["E-mail", "Plan", "Notes"], ["email", "attribute", "ignore"])),
    ).toEqual({ "E-mail": "email", Plan: "Plan", Notes: "ignore" });
  });
});
