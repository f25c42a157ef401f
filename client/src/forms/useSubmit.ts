import { useCallback, useState } from "react";
import { describeError, NO_ERRORS, type DescribeOptions, type FormErrors } from "./errors";

/**
 * Pending and error state for one form. `run` clears the old errors, runs the
 * action, and turns a failure into inline and general messages.
 */
export function useSubmit(options: DescribeOptions) {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  // Counts failed submits, so the form moves focus once per failure, not on every keystroke.
  const [failures, setFailures] = useState(0);
  const { fields, aliases, codeFields } = options;

  const run = useCallback(
    async (action: () => Promise<void>) => {
      setPending(true);
      setErrors(NO_ERRORS);
      try {
        await action();
      } catch (error) {
        const described: DescribeOptions = { fields };
        if (aliases) described.aliases = aliases;
        if (codeFields) described.codeFields = codeFields;
        setErrors(describeError(error, described));
        setFailures((n) => n + 1);
      } finally {
        setPending(false);
      }
    },
    [fields, aliases, codeFields],
  );

  /** Shows messages found before sending (empty fields, a short password). */
  const reject = useCallback((fieldErrors: Record<string, string>, general: string | null = null) => {
    setErrors({ fields: fieldErrors, general });
    setFailures((n) => n + 1);
  }, []);

  const clearField = useCallback((name: string) => {
    setErrors((current) => {
      if (!(name in current.fields)) return current;
      const rest = { ...current.fields };
      delete rest[name];
      return { ...current, fields: rest };
    });
  }, []);

  /** A field's value, onChange and error: its error, about the old value, goes once the user edits it. */
  function bind(name: string, value: string, setValue: (value: string) => void) {
    return {
      value,
      onChange: (next: string) => {
        setValue(next);
        clearField(name);
      },
      error: errors.fields[name],
    };
  }

  return { pending, errors, failures, setErrors, run, reject, clearField, bind };
}

/** Messages for empty required fields, keyed by field name. */
export function requireFields(
  values: Record<string, string>,
  labels: Record<string, string>,
): Record<string, string> {
  const missing: Record<string, string> = {};
  for (const [name, label] of Object.entries(labels)) {
    if (!values[name]?.trim()) missing[name] = `Enter your ${label.toLowerCase()}.`;
  }
  return missing;
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;
export const PASSWORD_MIN = 8;
// The server's limits (server/auth/passwords.py).
export const PASSWORD_MAX = 256;
export const CODE_PATTERN = /^\d{6}$/;

/** Keeps the digits of a pasted or typed code, at most six. */
export function cleanCode(value: string): string {
  return value.replace(/\D/g, "").slice(0, 6);
}
