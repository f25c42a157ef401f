import { useState } from "react";
import type { ColumnBlock, ColumnsBlock, ImageAsset } from "../api/templates";
import { BlockFields } from "./BlockFields";
import { blankBlock, COLUMN_BLOCK_TYPES, SECTION_LABELS, type ColumnBlockType } from "./sections";

interface ColumnsFieldsProps {
  block: ColumnsBlock;
  onChange(block: ColumnsBlock): void;
  /** Opens the image picker; `apply` gets the chosen image. */
  pickImage(apply: (asset: ImageAsset) => void): void;
}

function AddToColumn({
  column,
  onAdd,
}: {
  column: number;
  onAdd(type: ColumnBlockType): void;
}) {
  const [type, setType] = useState<ColumnBlockType>("text");
  const id = `add-to-column-${column}`;
  return (
    <div className="add-block">
      <label htmlFor={id}>Add to column {column + 1}</label>
      <select id={id} value={type} onChange={(event) => setType(event.target.value as ColumnBlockType)}>
        {COLUMN_BLOCK_TYPES.map((t) => (
          <option key={t} value={t}>
            {SECTION_LABELS[t]}
          </option>
        ))}
      </select>
      <button type="button" className="button button--small button--secondary" onClick={() => onAdd(type)}>
        Add
      </button>
    </div>
  );
}

/** Two or three columns, each a short list of blocks edited with the same fields as sections. */
export function ColumnsFields({ block, onChange, pickImage }: ColumnsFieldsProps) {
  function setBlocks(index: number, blocks: ColumnBlock[]) {
    onChange({
      ...block,
      columns: block.columns.map((column, i) => (i === index ? { ...column, blocks } : column)),
    });
  }

  return (
    <div className="columns-fields">
      {block.columns.map(({ blocks = [] }, index) => (
        <fieldset key={index} className="fieldset columns-fields__column">
          <legend>Column {index + 1}</legend>
          {blocks.length === 0 ? <p className="muted">Empty column.</p> : null}
          {blocks.map((inner) => (
            <div key={inner.id} className="columns-fields__block">
              <div className="columns-fields__block-head">
                <span className="columns-fields__kind">{SECTION_LABELS[inner.type]}</span>
                <button
                  type="button"
                  className="button button--small button--link"
                  onClick={() => setBlocks(index, blocks.filter((b) => b.id !== inner.id))}
                >
                  Remove {SECTION_LABELS[inner.type].toLowerCase()} from column {index + 1}
                </button>
              </div>
              <BlockFields
                block={inner}
                onChange={(changed) =>
                  setBlocks(
                    index,
                    blocks.map((b) => (b.id === changed.id ? changed : b)),
                  )
                }
                onPickImage={() =>
                  pickImage((asset) =>
                    setBlocks(
                      index,
                      blocks.map((b) =>
                        b.id === inner.id && b.type === "image"
                          ? { ...b, src: asset.path, asset_id: asset.id }
                          : b,
                      ),
                    ),
                  )
                }
              />
            </div>
          ))}
          <AddToColumn
            column={index}
            onAdd={(type) => {
              if (type === "image") {
                pickImage((asset) =>
                  setBlocks(index, [...blocks, { ...blankBlock("image", asset.path), asset_id: asset.id } as ColumnBlock]),
                );
                return;
              }
              setBlocks(index, [...blocks, blankBlock(type)]);
            }}
          />
        </fieldset>
      ))}
    </div>
  );
}
