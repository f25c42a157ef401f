import type { ContactList } from "../../api/contacts";

interface ListCheckboxesProps {
  lists: ContactList[];
  selected: string[];
  onChange(selected: string[]): void;
  error?: string | undefined;
}

/** One checkbox per list, in a fieldset named "Lists". */
export function ListCheckboxes({ lists, selected, onChange, error }: ListCheckboxesProps) {
  return (
    <fieldset className={`fieldset${error ? " field--invalid" : ""}`}>
      <legend>Lists</legend>
      {lists.length === 0 ? (
        <p className="muted">No lists yet. Create one in the Lists panel.</p>
      ) : (
        <div className="checkboxes">
          {lists.map((list, index) => (
            <label key={list.id} className="checkbox">
              <input
                type="checkbox"
                name="list_ids"
                value={list.id}
                checked={selected.includes(list.id)}
                aria-invalid={error && index === 0 ? true : undefined}
                onChange={(event) =>
                  onChange(
                    event.target.checked
                      ? [...new Set([...selected, list.id])]
                      : selected.filter((id) => id !== list.id),
                  )
                }
              />
              {list.name}
            </label>
          ))}
        </div>
      )}
      {error ? <p className="field__error">{error}</p> : null}
    </fieldset>
  );
}
