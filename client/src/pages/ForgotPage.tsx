import { useState } from "react";
import { EmailField } from "../components/AccountFields";
import { Link, useNavigate, useSearchParams } from "react-router";
import { requestPasswordReset } from "../api/auth";
import { withNext } from "../auth/safeNext";
import { AuthCard } from "../components/AuthCard";
import { Form, FormAlert, SubmitButton } from "../forms/Form";
import { EMAIL_PATTERN, useSubmit } from "../forms/useSubmit";

const FIELDS = ["email"] as const;

/** Shown after asking for a reset, whether or not the address has an account. */
export const RESET_SENT = "If an account exists for that address, we sent a code.";

export default function ForgotPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get("next");
  const [email, setEmail] = useState(params.get("email") ?? "");
  const form = useSubmit({ fields: FIELDS });

  function submit() {
    const trimmed = email.trim();
    if (!EMAIL_PATTERN.test(trimmed)) {
      form.reject({ email: trimmed ? "Enter an email address like name@example.com." : "Enter your email." });
      return;
    }
    void form.run(async () => {
      await requestPasswordReset(trimmed);
      void navigate(withNext(`/reset?email=${encodeURIComponent(trimmed)}`, next), {
        state: { notice: RESET_SENT },
      });
    });
  }

  return (
    <AuthCard
      title="Reset your password"
      intro={<p>Enter your account's email address and we will send you a 6-digit code to choose a new password.</p>}
      footer={
        <p>
          Remembered it? <Link to={withNext("/login", next)}>Log in</Link>
        </p>
      }
    >
      <Form onSubmit={submit} failures={form.failures} pending={form.pending}>
        <FormAlert message={form.errors.general} />
        <EmailField {...form.bind("email", email, setEmail)} />
        <SubmitButton pending={form.pending} pendingText="Sending code…">
          Send reset code
        </SubmitButton>
      </Form>
    </AuthCard>
  );
}
