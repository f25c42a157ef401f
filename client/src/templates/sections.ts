/**
 * Editing helpers for a template's sections: pure functions over the list, so the
 * editor, the drag-and-drop list and the move buttons share one set of rules (the
 * footer stays last and cannot be removed, as the server requires).
 */
import type { ColumnBlock, Section, SectionType } from "../api/templates";

export const SECTION_LABELS: Record<SectionType, string> = {
  heading: "Heading",
  text: "Text",
  image: "Image",
  button: "Button",
  divider: "Divider",
  columns: "Columns",
  footer: "Footer",
};

export type AddableType = Exclude<SectionType, "footer">;
export type ColumnBlockType = ColumnBlock["type"];

/** The kinds a user can add; the footer comes with every template and is never added twice. */
export const ADDABLE: readonly AddableType[] = [
  "heading",
  "text",
  "image",
  "button",
  "divider",
  "columns",
];

export const COLUMN_BLOCK_TYPES: readonly ColumnBlockType[] = [
  "heading",
  "text",
  "image",
  "button",
  "divider",
];

/** A new block id, unique within a template (the server checks this), in its allowed alphabet. */
export function newId(type: string): string {
  const random = Math.random().toString(36).slice(2, 10);
  return `${type}-${Date.now().toString(36)}-${random}`;
}

/**
 * A new block of `type` with sensible starting content. An image needs its `src`
 * (the editor asks for the image first: the server refuses an image without one).
 */
export function blankBlock(type: ColumnBlockType, src = ""): ColumnBlock {
  const id = newId(type);
  switch (type) {
    case "heading":
      return { id, type, text: "New heading", level: 2, align: "left" };
    case "text":
      return { id, type, markdown: "Write something here.", align: "left" };
    case "image":
      return { id, type, src, alt: "", href: null, width: 100, align: "center", asset_id: null };
    case "button":
      return {
        id,
        type,
        label: "Read more",
        href: "https://example.com",
        align: "center",
        color: null,
        text_color: null,
      };
    case "divider":
      return { id, type, color: null, thickness: 1 };
  }
}

export function blankSection(type: AddableType, src = ""): Section {
  if (type !== "columns") return blankBlock(type, src);
  return {
    id: newId(type),
    type,
    columns: [{ blocks: [blankBlock("text")] }, { blocks: [blankBlock("text")] }],
  };
}

export function canRemove(section: Section): boolean {
  return section.type !== "footer";
}

function isFooter(section: Section | undefined): boolean {
  return section?.type === "footer";
}

/** Whether the section at `index` may move by `delta` (the footer and the slot below it stay put). */
export function canMove(sections: readonly Section[], index: number, delta: -1 | 1): boolean {
  const target = index + delta;
  if (index < 0 || index >= sections.length || target < 0 || target >= sections.length) {
    return false;
  }
  return !isFooter(sections[index]) && !isFooter(sections[target]);
}

/** Moves one section from `from` to `to`; the footer never moves and stays last. */
export function moveSection(sections: readonly Section[], from: number, to: number): Section[] {
  const next = [...sections];
  if (from === to || from < 0 || to < 0 || from >= next.length || to >= next.length) return next;
  if (isFooter(next[from])) return next;
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  // Dropping below the footer puts the section just above it instead.
  const footerIndex = next.findIndex(isFooter);
  if (footerIndex !== -1 && footerIndex < next.length - 1) {
    const [footer] = next.splice(footerIndex, 1);
    next.push(footer!);
  }
  return next;
}

export function moveById(sections: readonly Section[], activeId: string, overId: string): Section[] {
  const from = sections.findIndex((s) => s.id === activeId);
  const to = sections.findIndex((s) => s.id === overId);
  return moveSection(sections, from, to);
}

export function replaceSection(sections: readonly Section[], section: Section): Section[] {
  return sections.map((s) => (s.id === section.id ? section : s));
}

export function removeSection(sections: readonly Section[], id: string): Section[] {
  return sections.filter((s) => s.id !== id || !canRemove(s));
}

/** Inserts a section after `afterId`, or above the footer when none is given. */
export function insertSection(
  sections: readonly Section[],
  section: Section,
  afterId?: string,
): Section[] {
  const after = afterId === undefined ? -1 : sections.findIndex((s) => s.id === afterId);
  let at = after === -1 ? sections.length : after + 1;
  const footerIndex = sections.findIndex(isFooter);
  if (footerIndex !== -1 && at > footerIndex) at = footerIndex;
  const next = [...sections];
  next.splice(at, 0, section);
  return next;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

/** A short line naming a section, shown beside its kind in the editor. */
export function summary(section: Section): string {
  switch (section.type) {
    case "heading":
      return oneLine(section.text);
    case "text":
      return oneLine(section.markdown);
    case "image":
      return oneLine(section.alt || section.src);
    case "button":
      return oneLine(section.label);
    case "divider":
      return "";
    case "columns":
      return oneLine(
        section.columns.map((c) => (c.blocks ?? []).map((b) => summary(b)).join(" ")).join(" | "),
      );
    case "footer":
      return oneLine(section.text ?? "");
  }
}
