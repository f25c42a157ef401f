import type { Align, ColumnBlock, FooterBlock, ImageBlock } from "../api/templates";
import { Select, TextArea, TextInput } from "./controls";

const ALIGN_OPTIONS: readonly { value: Align; label: string }[] = [
  { value: "left", label: "Left" },
  { value: "center", label: "Centre" },
  { value: "right", label: "Right" },
];

const LEVEL_OPTIONS = [
  { value: "1", label: "Large (H1)" },
  { value: "2", label: "Medium (H2)" },
  { value: "3", label: "Small (H3)" },
] as const;

const MARKDOWN_HINT = (
  <>
    Markdown: **bold**, _italic_, [links](https://example.com), lists. Merge tags such as{" "}
    <code>{'{{ first_name | default("there") }}'}</code> fill in per recipient.
  </>
);

interface BlockFieldsProps<B> {
  block: B;
  onChange(block: B): void;
  /** Opens the image picker for an image block. */
  onPickImage(): void;
}

function ImageFields({ block, onChange, onPickImage }: BlockFieldsProps<ImageBlock>) {
  return (
    <div className="block-fields block-fields--image">
      {block.src ? <img className="block-fields__thumb" src={block.src} alt="" /> : null}
      <button type="button" className="button button--small button--secondary" onClick={onPickImage}>
        Change image
      </button>
      <TextInput
        label="Alt text"
        hint="Read aloud by screen readers and shown when images are off."
        value={block.alt ?? ""}
        onChange={(alt) => onChange({ ...block, alt })}
      />
      <TextInput
        label="Image link"
        type="url"
        hint="Optional: where a click on the image goes."
        value={block.href ?? ""}
        onChange={(href) => onChange({ ...block, href: href.trim() ? href : null })}
      />
      <TextInput
        label="Width (%)"
        type="number"
        min={10}
        max={100}
        value={String(block.width ?? 100)}
        onChange={(width) => onChange({ ...block, width: Number(width) || 100 })}
      />
    </div>
  );
}

/** The inline fields of one block (a top-level section or a block inside a column). */
export function BlockFields({ block, onChange, onPickImage }: BlockFieldsProps<ColumnBlock>) {
  switch (block.type) {
    case "heading":
      return (
        <div className="block-fields">
          <TextInput label="Heading text" value={block.text} onChange={(text) => onChange({ ...block, text })} />
          <div className="form__row">
            <Select
              label="Size"
              value={String(block.level) as "1" | "2" | "3"}
              options={LEVEL_OPTIONS}
              onChange={(level) => onChange({ ...block, level: Number(level) as 1 | 2 | 3 })}
            />
            <Select
              label="Alignment"
              value={block.align ?? "left"}
              options={ALIGN_OPTIONS}
              onChange={(align) => onChange({ ...block, align })}
            />
          </div>
        </div>
      );
    case "text":
      return (
        <div className="block-fields">
          <TextArea
            label="Text"
            hint={MARKDOWN_HINT}
            rows={5}
            value={block.markdown}
            onChange={(markdown) => onChange({ ...block, markdown })}
          />
        </div>
      );
    case "image":
      return <ImageFields block={block} onChange={onChange} onPickImage={onPickImage} />;
    case "button":
      return (
        <div className="block-fields">
          <div className="form__row">
            <TextInput label="Button label" value={block.label} onChange={(label) => onChange({ ...block, label })} />
            <TextInput
              label="Button link"
              type="url"
              value={block.href}
              onChange={(href) => onChange({ ...block, href })}
            />
          </div>
        </div>
      );
    case "divider":
      return (
        <div className="block-fields">
          <TextInput
            label="Line thickness (px)"
            type="number"
            min={1}
            max={8}
            value={String(block.thickness ?? 1)}
            onChange={(thickness) => onChange({ ...block, thickness: Number(thickness) || 1 })}
          />
        </div>
      );
  }
}

export function FooterFields({ block, onChange }: { block: FooterBlock; onChange(block: FooterBlock): void }) {
  return (
    <div className="block-fields">
      <TextArea
        label="Footer text"
        hint="The unsubscribe link and your postal address are always added below it."
        rows={3}
        value={block.text ?? ""}
        onChange={(text) => onChange({ ...block, text })}
      />
    </div>
  );
}
