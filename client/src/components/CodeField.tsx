import { Field } from "../forms/Form";
import { cleanCode } from "../forms/useSubmit";

interface CodeFieldProps {
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  hint?: string;
}

/** The 6-digit emailed code: numeric keypad on phones, filled in from SMS/mail by the OS. */
export function CodeField({ value, onChange, error, hint }: CodeFieldProps) {
  return (
    <Field
      label="Verification code"
      name="code"
      className="field--code"
      type="text"
      inputMode="numeric"
      pattern="[0-9]*"
      maxLength={6}
      autoComplete="one-time-code"
      autoCapitalize="none"
      spellCheck={false}
      required
      hint={hint ?? "6 digits, from the email we sent you."}
      value={value}
      onChange={(raw) => onChange(cleanCode(raw))}
      error={error}
    />
  );
}

interface ResendCodeButtonProps {
  sending: boolean;
  onResend(): void;
}

/** Asks for another code, for when the first one expired or never arrived. */
export function ResendCodeButton({ sending, onResend }: ResendCodeButtonProps) {
  return (
    <button
      type="button"
      className="button button--secondary"
      onClick={() => onResend()}
      disabled={sending}
    >
      {sending ? "Sending…" : "Send a new code"}
    </button>
  );
}
