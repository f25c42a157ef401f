import { describe, expect, it } from "vitest";
import type { Section } from "../api/templates";
import { columns, divider, footer, heading, text } from "../test/sections";
import {
  blankBlock,
  blankSection,
  canMove,
  canRemove,
  insertSection,
  moveById,
  moveSection,
  newId,
  removeSection,
  replaceSection,
  summary,
} from "./sections";

const SECTIONS: Section[] = [heading("h", "Hello"), text("t", "Body"), divider("d"), footer("f", "Sent by us")];

function ids(sections: Section[]): string[] {
  return sections.map((s) => s.id);
}

describe("section helpers", () => {
  it("makes ids the server accepts, different every time", () => {
    const made = new Set(Array.from({ length: 200 }, () => newId("text")));
    expect(made.size).toBe(200);
    for (const id of made) expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  it("moves a section and leaves the input untouched", () => {
    expect(ids(moveSection(SECTIONS, 0, 2))).toEqual(["t", "d", "h", "f"]);
    expect(ids(SECTIONS)).toEqual(["h", "t", "d", "f"]);
  });

  it("never moves the footer, nor anything below it", () => {
    expect(ids(moveSection(SECTIONS, 3, 0))).toEqual(["h", "t", "d", "f"]);
    expect(ids(moveSection(SECTIONS, 0, 3))).toEqual(["t", "d", "h", "f"]);
    expect(canMove(SECTIONS, 2, 1)).toBe(false);
    expect(canMove(SECTIONS, 3, -1)).toBe(false);
    expect(canMove(SECTIONS, 0, -1)).toBe(false);
    expect(canMove(SECTIONS, 1, -1)).toBe(true);
    expect(canMove(SECTIONS, 1, 1)).toBe(true);
  });

  it("moves by drag ids and ignores unknown ones", () => {
    expect(ids(moveById(SECTIONS, "d", "h"))).toEqual(["d", "h", "t", "f"]);
    expect(ids(moveById(SECTIONS, "missing", "h"))).toEqual(["h", "t", "d", "f"]);
  });

  it("removes any section but the footer", () => {
    expect(canRemove(SECTIONS[3]!)).toBe(false);
    expect(ids(removeSection(SECTIONS, "f"))).toEqual(["h", "t", "d", "f"]);
    expect(ids(removeSection(SECTIONS, "t"))).toEqual(["h", "d", "f"]);
  });

  it("inserts after a section, and above the footer by default", () => {
    const button = blankSection("button");
    expect(ids(insertSection(SECTIONS, button))).toEqual(["h", "t", "d", button.id, "f"]);
    expect(ids(insertSection(SECTIONS, button, "h"))).toEqual(["h", button.id, "t", "d", "f"]);
    expect(ids(insertSection(SECTIONS, button, "f"))).toEqual(["h", "t", "d", button.id, "f"]);
  });

  it("replaces one section by id", () => {
    const next = replaceSection(SECTIONS, heading("h", "Bye", 2));
    expect(next[0]).toEqual(heading("h", "Bye", 2));
    expect(next[1]).toBe(SECTIONS[1]);
  });

  it("starts new blocks with content, and columns with two text columns", () => {
    expect(blankBlock("image", "https://example.com/a.png")).toMatchObject({
      type: "image",
      src: "https://example.com/a.png",
    });
    const made = blankSection("columns");
    expect(made.type).toBe("columns");
    if (made.type !== "columns") return;
    expect(made.columns).toHaveLength(2);
    expect(made.columns.map((c) => c.blocks?.[0]?.type)).toEqual(["text", "text"]);
  });

  it("summarises sections in one short line", () => {
    expect(summary(text("a", "Line one\n\nline   two"))).toBe("Line one line two");
    expect(summary(text("a", "x".repeat(100)))).toHaveLength(58);
    expect(summary(divider("a"))).toBe("");
    expect(summary(columns("c", [text("l", "Left")], [heading("r", "Right", 2)]))).toBe("Left | Right");
  });
});
