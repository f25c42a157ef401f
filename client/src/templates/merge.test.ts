import { describe, expect, it } from "vitest";
import type { Section, TemplateContent } from "../api/templates";
import * as make from "../test/sections";
import { mergeContent } from "./merge";

const heading = make.heading("h", "Hello");
const text = make.text("t", "Body");
const divider = make.divider("d");
const footer = make.footer("f", "Bye");
const BASE: TemplateContent = { name: "News", sections: [heading, text, divider, footer] };

function content(sections: Section[], name = "News"): TemplateContent {
  return { name, sections };
}

const ids = (c: TemplateContent) => c.sections.map((s) => s.id);

describe("mergeContent", () => {
  it("keeps both sides' edits to different sections", () => {
    const mine = content([heading, { ...text, markdown: "Mine" }, divider, footer]);
    const theirs = content([{ ...heading, text: "Theirs" }, text, divider, footer]);
    const { merged, conflicts } = mergeContent(BASE, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.sections).toEqual([{ ...heading, text: "Theirs" }, { ...text, markdown: "Mine" }, divider, footer]);
  });

  it("reports a section both sides changed differently, keeping mine in the result", () => {
    const mine = content([{ ...heading, text: "Mine" }, text, divider, footer]);
    const theirs = content([{ ...heading, text: "Theirs" }, text, divider, footer]);
    const { merged, conflicts } = mergeContent(BASE, mine, theirs);
    expect(conflicts).toEqual(["h"]);
    expect(merged.sections[0]).toEqual({ ...heading, text: "Mine" });
  });

  it("takes the name from the side that changed it", () => {
    expect(mergeContent(BASE, content(BASE.sections, "Mine"), BASE).merged.name).toBe("Mine");
    expect(mergeContent(BASE, BASE, content(BASE.sections, "Theirs")).merged.name).toBe("Theirs");
    expect(mergeContent(BASE, content(BASE.sections, "A"), content(BASE.sections, "B")).conflicts).toEqual([
      "name",
    ]);
  });

  it("keeps my reordering together with their edit", () => {
    const mine = content([text, heading, divider, footer]);
    const theirs = content([heading, { ...text, markdown: "Theirs" }, divider, footer]);
    const { merged, conflicts } = mergeContent(BASE, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(ids(merged)).toEqual(["t", "h", "d", "f"]);
    expect(merged.sections[0]).toEqual({ ...text, markdown: "Theirs" });
  });

  it("reports two different reorderings", () => {
    const mine = content([text, heading, divider, footer]);
    const theirs = content([heading, divider, text, footer]);
    expect(mergeContent(BASE, mine, theirs).conflicts).toEqual(["order"]);
  });

  it("keeps sections either side added, after the one they follow, with the footer last", () => {
    const mineNew = make.text("m", "new mine");
    const theirsNew = make.button("n", "Go");
    const mine = content([heading, mineNew, text, divider, footer]);
    const theirs = content([heading, text, divider, theirsNew, footer]);
    const { merged, conflicts } = mergeContent(BASE, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(ids(merged)).toEqual(["h", "m", "t", "d", "n", "f"]);
  });

  it("drops a section one side removed and the other left alone", () => {
    const mine = content([heading, text, footer]);
    const { merged, conflicts } = mergeContent(BASE, mine, BASE);
    expect(conflicts).toEqual([]);
    expect(ids(merged)).toEqual(["h", "t", "f"]);
    expect(ids(mergeContent(BASE, BASE, mine).merged)).toEqual(["h", "t", "f"]);
  });

  it("keeps and reports a section removed on one side but changed on the other", () => {
    const mine = content([heading, text, footer]);
    const theirs = content([heading, text, { ...divider, thickness: 3 }, footer]);
    const result = mergeContent(BASE, mine, theirs);
    expect(result.conflicts).toEqual(["d"]);
    expect(ids(result.merged)).toEqual(["h", "t", "d", "f"]);
    const reverse = mergeContent(BASE, theirs, mine);
    expect(reverse.conflicts).toEqual(["d"]);
    expect(ids(reverse.merged)).toEqual(["h", "t", "d", "f"]);
  });
});
