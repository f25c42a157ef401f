import { useState } from "react";
import { NewPasswordField } from "../../components/AccountFields";
import { changePassword } from "../../api/auth";
import { useAuth } from "../../auth/AuthContext";
import { Field, Form, FormAlert, FormNotice, SubmitButton } from "../../forms/Form";
import { PASSWORD_MAX, PASSWORD_MIN, useSubmit } from "../../forms/useSubmit";

const FIELDS = ["current_password", "new_password"] as const;
const CODE_FIELDS = { wrong_password: "current_password", weak_password: "new_password" };
const ALIASES = { password: "new_password" };

export function PasswordSection({ onChanged }: { onChanged(): void }) {
  const auth = useAuth();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const form = useSubmit({ fields: FIELDS, codeFields: CODE_FIELDS, aliases: ALIASES });

  function submit() {
    setNotice(null);
    const problems: Record<string, string> = {};
    if (!current) problems.current_password = "Enter your current password.";
    if (next.length < PASSWORD_MIN) problems.new_password = `Use at least ${PASSWORD_MIN} characters.`;
    else if (next.length > PASSWORD_MAX) problems.new_password = `Use at most ${PASSWORD_MAX} characters.`;
    else if (next === current) problems.new_password = "Choose a password different from the current one.";
    if (Object.keys(problems).length > 0) {
      form.reject(problems);
      return;
    }
    void form.run(async () => {
      auth.update(await changePassword(current, next));
      setCurrent("");
      setNext("");
      setNotice("Password changed. Your other sessions were signed out.");
      onChanged();
    });
  }

  return (
    <section className="panel">
      <h2>Password</h2>
      <Form
        onSubmit={submit}
        failures={form.failures}
        pending={form.pending}
        className="form form--narrow"
      >
        <FormAlert message={form.errors.general} />
        <FormNotice message={notice} />
        {/* Tells password managers whose password changes, so they update the right entry. */}
        <input
          type="email"
          name="username"
          autoComplete="username"
          value={auth.me?.email ?? ""}
          readOnly
          hidden
        />
        <Field
          label="Current password"
          name="current_password"
          type="password"
          autoComplete="current-password"
          required
          {...form.bind("current_password", current, setCurrent)}
        />
        <NewPasswordField
          name="new_password"
          advice="Other devices are signed out when you change it."
          {...form.bind("new_password", next, setNext)}
        />
        <SubmitButton pending={form.pending} pendingText="Changing password…">
          Change password
        </SubmitButton>
      </Form>
    </section>
  );
}
