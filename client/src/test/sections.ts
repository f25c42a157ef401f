import type {
  ButtonBlock,
  ColumnBlock,
  ColumnsBlock,
  DividerBlock,
  FooterBlock,
  HeadingBlock,
  TextBlock,
} from "../api/templates";

/** Complete blocks (every server default filled in), for tests. */
export const heading = (id: string, text: string, level: 1 | 2 | 3 = 1): HeadingBlock => ({
  id,
  type: "heading",
  text,
  level,
  align: "left",
});

export const text = (id: string, markdown: string): TextBlock => ({
  id,
  type: "text",
  markdown,
  align: "left",
});

export const divider = (id: string, thickness = 1): DividerBlock => ({
  id,
  type: "divider",
  color: null,
  thickness,
});

export const button = (id: string, label: string, href = "https://example.com"): ButtonBlock => ({
  id,
  type: "button",
  label,
  href,
  align: "center",
  color: null,
  text_color: null,
});

export const footer = (id: string, body = ""): FooterBlock => ({
  id,
  type: "footer",
  text: body,
  align: "center",
});

export const columns = (id: string, ...blocks: ColumnBlock[][]): ColumnsBlock => ({
  id,
  type: "columns",
  columns: blocks.map((b) => ({ blocks: b })),
});
