/**
 * A three-way merge of template content by section id, for the conflict dialog:
 * what only one side changed since the common base is taken from that side, so
 * two people editing different sections both keep their work. Sections changed
 * on both sides (or changed on one and removed on the other) are reported, not guessed.
 */
import type { Section, TemplateContent } from "../api/templates";

export interface MergeResult {
  merged: TemplateContent;
  /** Ids of sections both sides changed differently; "name" and "order" for those. */
  conflicts: string[];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function byId(sections: readonly Section[]): Map<string, Section> {
  return new Map(sections.map((s) => [s.id, s]));
}

function pick<T>(base: T | undefined, mine: T | undefined, theirs: T | undefined): { value: T | undefined; conflict: boolean } {
  if (same(mine, theirs)) return { value: mine, conflict: false };
  if (same(base, mine)) return { value: theirs, conflict: false };
  if (same(base, theirs)) return { value: mine, conflict: false };
  return { value: mine ?? theirs, conflict: true };
}

export function mergeContent(
  base: TemplateContent,
  mine: TemplateContent,
  theirs: TemplateContent,
): MergeResult {
  const conflicts: string[] = [];
  const name = pick(base.name, mine.name, theirs.name);
  if (name.conflict) conflicts.push("name");

  const baseMap = byId(base.sections);
  const mineMap = byId(mine.sections);
  const theirsMap = byId(theirs.sections);

  const baseOrder = base.sections.map((s) => s.id);
  const mineOrder = mine.sections.map((s) => s.id).filter((id) => baseMap.has(id) && theirsMap.has(id));
  const theirsOrder = theirs.sections.map((s) => s.id).filter((id) => baseMap.has(id) && mineMap.has(id));
  const commonBase = baseOrder.filter((id) => mineMap.has(id) && theirsMap.has(id));
  const mineMoved = !same(mineOrder, commonBase);
  const theirsMoved = !same(theirsOrder, commonBase);
  if (mineMoved && theirsMoved && !same(mineOrder, theirsOrder)) conflicts.push("order");
  // Start from the side whose order changed (theirs when neither or both did).
  const lead = mineMoved && !theirsMoved ? mine.sections : theirs.sections;
  const other = lead === mine.sections ? theirs.sections : mine.sections;

  const result: Section[] = [];
  const decide = (id: string) => {
    const merged = pick(baseMap.get(id), mineMap.get(id), theirsMap.get(id));
    if (merged.conflict) conflicts.push(id);
    return merged.value;
  };
  for (const section of lead) {
    const value = decide(section.id);
    if (value) result.push(value);
  }
  // Sections only the other side added go in after the section they follow there.
  other.forEach((section, index) => {
    if (result.some((s) => s.id === section.id) || baseMap.has(section.id)) return;
    const value = decide(section.id);
    if (!value) return;
    const previous = other[index - 1]?.id;
    const at = previous === undefined ? 0 : result.findIndex((s) => s.id === previous) + 1;
    result.splice(at === 0 && previous !== undefined ? result.length : at, 0, value);
  });
  // Removed on one side, changed on the other: kept, and reported.
  for (const id of baseOrder) {
    if (result.some((s) => s.id === id)) continue;
    const value = decide(id);
    if (value) result.splice(Math.max(0, result.length - 1), 0, value);
  }
  const footer = result.findIndex((s) => s.type === "footer");
  if (footer !== -1 && footer !== result.length - 1) result.push(...result.splice(footer, 1));

  return { merged: { name: name.value ?? mine.name, sections: result }, conflicts };
}
