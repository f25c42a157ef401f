import { Field } from "../forms/Form";
import { PASSWORD_MIN } from "../forms/useSubmit";

interface AccountFieldProps {
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
}

/** An email address: the email keyboard on phones, no autocorrect or capitals, autofilled. */
export function EmailField({ value, onChange, error }: AccountFieldProps) {
  return (
    <Field
      label="Email"
      name="email"
      type="email"
      autoComplete="email"
      inputMode="email"
      autoCapitalize="none"
      spellCheck={false}
      required
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

interface NewPasswordFieldProps extends AccountFieldProps {
  label?: string;
  name?: string;
  /** What else the user should know, after the length rule. */
  advice?: string;
}

/** A password being chosen: password managers offer to generate one; the length rule is shown. */
export function NewPasswordField({
  value,
  onChange,
  error,
  label = "New password",
  name = "password",
  advice = "Avoid common passwords.",
}: NewPasswordFieldProps) {
  return (
    <Field
      label={label}
      name={name}
      type="password"
      autoComplete="new-password"
      required
      minLength={PASSWORD_MIN}
      hint={`At least ${PASSWORD_MIN} characters. ${advice}`}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
