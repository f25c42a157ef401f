import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from "@dnd-kit/core";
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { ImageAsset, Section } from "../api/templates";
import { BlockFields, FooterFields } from "./BlockFields";
import { ColumnsFields } from "./ColumnsFields";
import { canMove, canRemove, SECTION_LABELS, summary } from "./sections";

interface SectionListProps {
  sections: Section[];
  onChange(section: Section): void;
  onMove(from: number, to: number): void;
  onMoveById(activeId: string, overId: string): void;
  onRemove(id: string): void;
  pickImage(apply: (asset: ImageAsset) => void): void;
}

function describe(sections: Section[], id: string | number): string {
  const index = sections.findIndex((s) => s.id === id);
  const section = sections[index];
  return section ? `${SECTION_LABELS[section.type]} section ${index + 1}` : "section";
}

function position(sections: Section[], id: string | number): number {
  return sections.findIndex((s) => s.id === id) + 1;
}

function SortableSection({
  section,
  index,
  sections,
  onChange,
  onMove,
  onRemove,
  pickImage,
}: Omit<SectionListProps, "onMoveById"> & { section: Section; index: number }) {
  const footer = section.type === "footer";
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: section.id, disabled: footer });
  const label = SECTION_LABELS[section.type];
  const titleId = `section-${section.id}-title`;
  const line = summary(section);

  return (
    <li
      ref={setNodeRef}
      className={`section-editor${isDragging ? " section-editor--dragging" : ""}`}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      aria-labelledby={titleId}
    >
      <div className="section-editor__head">
        {footer ? (
          <span className="section-editor__handle section-editor__handle--fixed" aria-hidden="true" />
        ) : (
          <button
            type="button"
            ref={setActivatorNodeRef}
            className="section-editor__handle"
            aria-label={`Drag ${label.toLowerCase()} section ${index + 1}`}
            {...attributes}
            {...listeners}
          >
            <span aria-hidden="true">⠿</span>
          </button>
        )}
        <h3 id={titleId} className="section-editor__title">
          {index + 1}. {label}
          {line ? <span className="section-editor__summary muted"> · {line}</span> : null}
        </h3>
        <div className="section-editor__actions">
          {footer ? (
            <span className="muted">Always last; cannot be removed</span>
          ) : (
            <>
              <button
                type="button"
                className="button button--small button--secondary"
                aria-describedby={titleId}
                disabled={!canMove(sections, index, -1)}
                onClick={() => onMove(index, index - 1)}
              >
                Move up
              </button>
              <button
                type="button"
                className="button button--small button--secondary"
                aria-describedby={titleId}
                disabled={!canMove(sections, index, 1)}
                onClick={() => onMove(index, index + 1)}
              >
                Move down
              </button>
              {canRemove(section) ? (
                <button
                  type="button"
                  className="button button--small button--link"
                  aria-describedby={titleId}
                  onClick={() => onRemove(section.id)}
                >
                  Remove
                </button>
              ) : null}
            </>
          )}
        </div>
      </div>
      {section.type === "footer" ? (
        <FooterFields block={section} onChange={onChange} />
      ) : section.type === "columns" ? (
        <ColumnsFields block={section} onChange={onChange} pickImage={pickImage} />
      ) : (
        <BlockFields
          block={section}
          onChange={onChange}
          onPickImage={() =>
            pickImage((asset) => {
              if (section.type === "image") onChange({ ...section, src: asset.path, asset_id: asset.id });
            })
          }
        />
      )}
    </li>
  );
}

/**
 * The sections in order. Reorder by dragging the handle (pointer, or Space then the
 * arrow keys), or with the Move up / Move down buttons; the footer stays last.
 */
export function SectionList(props: SectionListProps) {
  const { sections, onMoveById } = props;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${describe(sections, active.id)}.`,
    onDragOver: ({ active, over }) =>
      over ? `${describe(sections, active.id)} is over position ${position(sections, over.id)}.` : undefined,
    onDragEnd: ({ active, over }) =>
      over
        ? `${describe(sections, active.id)} dropped at position ${position(sections, over.id)}.`
        : `${describe(sections, active.id)} dropped.`,
    onDragCancel: ({ active }) => `Moving ${describe(sections, active.id)} was cancelled.`,
  };

  function handleDragEnd({ active, over }: DragEndEvent) {
    if (over && active.id !== over.id) onMoveById(String(active.id), String(over.id));
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={handleDragEnd}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            "To move a section, press Space or Enter on its handle, use the arrow keys, then press Space or Enter again to drop it, or Escape to cancel.",
        },
      }}
    >
      <SortableContext items={sections.map((s) => s.id)} strategy={verticalListSortingStrategy}>
        <ol className="section-list" aria-label="Sections">
          {sections.map((section, index) => (
            <SortableSection key={section.id} {...props} section={section} index={index} />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}
