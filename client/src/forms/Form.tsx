import {
  useEffect,
  useId,
  useRef,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type TextareaHTMLAttributes,
} from "react";

interface FormProps {
  onSubmit(): void;
  /** The failed-submit count from `useSubmit`; each increase focuses the first invalid field. */
  failures: number;
  pending: boolean;
  children: ReactNode;
  /** Accessible name of the form, when a page has more than one. */
  label?: string;
  className?: string;
}

/**
 * A form that validates in script (so every message appears inline, the same
 * way) and moves focus to the first field with an error after a failed submit.
 */
export function Form({ onSubmit, failures, pending, children, label, className }: FormProps) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (failures === 0) return;
    const invalid = ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, [failures]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!pending) onSubmit();
  }

  return (
    <form
      ref={ref}
      className={className ?? "form"}
      noValidate
      aria-busy={pending}
      aria-label={label}
      onSubmit={handleSubmit}
    >
      {children}
    </form>
  );
}

/** The form's general error, announced when it appears. */
export function FormAlert({ message, children }: { message: string | null; children?: ReactNode }) {
  if (!message) return null;
  return (
    <div className="notice notice--error" role="alert">
      <p>{message}</p>
      {children}
    </div>
  );
}

/** A success or progress note, announced politely. */
export function FormNotice({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="notice notice--info" role="status">
      {message}
    </p>
  );
}

interface SubmitButtonProps {
  pending: boolean;
  /** "Log in" */
  children: string;
  /** "Logging in…" */
  pendingText: string;
  disabled?: boolean;
  variant?: "primary" | "secondary" | "danger";
}

export function SubmitButton({
  pending,
  children,
  pendingText,
  disabled,
  variant = "primary",
}: SubmitButtonProps) {
  return (
    <button
      type="submit"
      className={`button button--${variant}`}
      disabled={pending || disabled}
      aria-disabled={pending || disabled}
    >
      {pending ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {pendingText}
        </>
      ) : (
        children
      )}
    </button>
  );
}

/** A control's own attributes, less those the field sets to tie it to its label and messages. */
type ControlAttributes<A> = Omit<A, "id" | "value" | "onChange" | "aria-invalid" | "aria-describedby">;

interface LabelledValue {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  hint?: ReactNode;
}

type FieldProps = ControlAttributes<InputHTMLAttributes<HTMLInputElement>> & LabelledValue;

interface FieldFrameProps {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  className?: string | undefined;
  /** Renders the control with the id and aria attributes that tie it to its label and messages. */
  control(props: {
    id: string;
    "aria-invalid": true | undefined;
    "aria-describedby": string | undefined;
  }): ReactNode;
}

function FieldFrame({ label, error, hint, className, control }: FieldFrameProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className={`field${error ? " field--invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {control({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy || undefined,
      })}
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with an optional hint and an inline error tied to it. */
export function Field({ label, value, onChange, error, hint, className, ...input }: FieldProps) {
  return (
    <FieldFrame
      label={label}
      error={error}
      hint={hint}
      className={className}
      control={(aria) => (
        <input {...input} {...aria} value={value} onChange={(event) => onChange(event.target.value)} />
      )}
    />
  );
}

type TextAreaFieldProps = ControlAttributes<TextareaHTMLAttributes<HTMLTextAreaElement>> &
  LabelledValue;

/** A labelled multi-line field, with the same hint and inline error as `Field`. */
export function TextAreaField({
  label,
  value,
  onChange,
  error,
  hint,
  className,
  ...textarea
}: TextAreaFieldProps) {
  return (
    <FieldFrame
      label={label}
      error={error}
      hint={hint}
      className={className}
      control={(aria) => (
        <textarea
          {...textarea}
          {...aria}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    />
  );
}
