import { useId, type ReactNode } from "react";

interface BaseProps {
  label: string;
  hint?: ReactNode;
}

function Hint({ id, hint }: { id: string; hint: ReactNode }) {
  return (
    <p id={id} className="field__hint">
      {hint}
    </p>
  );
}

export function TextInput({
  label,
  hint,
  value,
  onChange,
  type = "text",
  ...rest
}: BaseProps & {
  value: string;
  onChange(value: string): void;
  type?: "text" | "url" | "number";
  min?: number;
  max?: number;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? <Hint id={`${id}-hint`} hint={hint} /> : null}
      <input
        id={id}
        type={type}
        value={value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value)}
        {...rest}
      />
    </div>
  );
}

export function TextArea({
  label,
  hint,
  value,
  onChange,
  rows = 4,
}: BaseProps & { value: string; onChange(value: string): void; rows?: number }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? <Hint id={`${id}-hint`} hint={hint} /> : null}
      <textarea
        id={id}
        rows={rows}
        value={value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

export function Select<T extends string>({
  label,
  value,
  options,
  onChange,
}: BaseProps & { value: T; options: readonly { value: T; label: string }[]; onChange(value: T): void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
