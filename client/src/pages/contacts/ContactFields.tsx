import { useId } from "react";
import type { ContactList } from "../../api/contacts";
import { Field } from "../../forms/Form";
import { knownZones } from "../../lib/zones";
import { ListCheckboxes } from "./ListCheckboxes";

export interface ContactFieldValues {
  firstName: string;
  lastName: string;
  /** An IANA zone name as typed; "" for none. */
  timezone: string;
  tags: string;
  listIds: string[];
}

interface ContactFieldsProps {
  values: ContactFieldValues;
  onChange(values: ContactFieldValues): void;
  lists: ContactList[];
  errors: Record<string, string | undefined>;
  /** Clears the server's error for a field once the user edits it. */
  clearField(name: string): void;
  tagsHint: string;
}

/** The editable fields a contact has when added and when edited: names, time zone, tags and lists. */
export function ContactFields({
  values,
  onChange,
  lists,
  errors,
  clearField,
  tagsHint,
}: ContactFieldsProps) {
  const zonesId = useId();
  type TextKey = "firstName" | "lastName" | "timezone" | "tags";
  const text = (key: TextKey, name: string) => (value: string) => {
    onChange({ ...values, [key]: value });
    clearField(name);
  };
  return (
    <>
      <div className="form__row">
        <Field
          label="First name"
          name="first_name"
          autoComplete="off"
          maxLength={200}
          value={values.firstName}
          onChange={text("firstName", "first_name")}
          error={errors.first_name}
        />
        <Field
          label="Last name"
          name="last_name"
          autoComplete="off"
          maxLength={200}
          value={values.lastName}
          onChange={text("lastName", "last_name")}
          error={errors.last_name}
        />
      </div>
      <Field
        label="Time zone"
        name="timezone"
        autoComplete="off"
        spellCheck={false}
        maxLength={64}
        placeholder="e.g. Europe/Berlin"
        list={zonesId}
        hint="For campaigns sent at a time in each reader's zone."
        value={values.timezone}
        onChange={text("timezone", "timezone")}
        error={errors.timezone}
      />
      <datalist id={zonesId}>
        {knownZones().map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <Field
        label="Tags"
        name="tags"
        autoComplete="off"
        hint={tagsHint}
        value={values.tags}
        onChange={text("tags", "tags")}
        error={errors.tags}
      />
      <ListCheckboxes
        lists={lists}
        selected={values.listIds}
        onChange={(ids) => {
          onChange({ ...values, listIds: ids });
          clearField("list_ids");
        }}
        error={errors.list_ids}
      />
    </>
  );
}
