import { useState } from "react";
import { EmailField, NewPasswordField } from "../components/AccountFields";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { confirmPasswordReset, requestPasswordReset } from "../api/auth";
import { useAuth } from "../auth/AuthContext";
import { safeNext, withNext } from "../auth/safeNext";
import { AuthCard } from "../components/AuthCard";
import { CodeField, ResendCodeButton } from "../components/CodeField";
import { errorMessage } from "../forms/errors";
import { Form, FormAlert, FormNotice, SubmitButton } from "../forms/Form";
import {
  CODE_PATTERN,
  EMAIL_PATTERN,
  PASSWORD_MAX,
  PASSWORD_MIN,
  useSubmit,
} from "../forms/useSubmit";
import { RESET_SENT } from "./ForgotPage";

const FIELDS = ["email", "code", "password"] as const;
const CODE_FIELDS = { invalid_code: "code", weak_password: "password" };

function noticeFrom(state: unknown): string | null {
  if (typeof state !== "object" || state === null) return null;
  const notice = (state as { notice?: unknown }).notice;
  return notice === RESET_SENT ? RESET_SENT : null;
}

export default function ResetPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const auth = useAuth();
  const [params] = useSearchParams();
  const next = params.get("next");
  const [email, setEmail] = useState(params.get("email") ?? "");
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [notice, setNotice] = useState<string | null>(() => noticeFrom(location.state));
  const [resending, setResending] = useState(false);
  const form = useSubmit({ fields: FIELDS, codeFields: CODE_FIELDS });

  function submit() {
    setNotice(null);
    const problems: Record<string, string> = {};
    if (!EMAIL_PATTERN.test(email.trim())) {
      problems.email = email.trim() ? "Enter an email address like name@example.com." : "Enter your email.";
    }
    if (!CODE_PATTERN.test(code)) problems.code = "Enter the 6-digit code from the email.";
    if (password.length < PASSWORD_MIN) problems.password = `Use at least ${PASSWORD_MIN} characters.`;
    else if (password.length > PASSWORD_MAX) problems.password = `Use at most ${PASSWORD_MAX} characters.`;
    if (Object.keys(problems).length > 0) {
      form.reject(problems);
      return;
    }
    void form.run(async () => {
      const me = await confirmPasswordReset(email.trim(), code, password);
      auth.signedIn(me);
      void navigate(safeNext(next), { replace: true });
    });
  }

  async function resend() {
    setNotice(null);
    if (!EMAIL_PATTERN.test(email.trim())) {
      form.reject({ email: "Enter your email first." });
      return;
    }
    setResending(true);
    form.setErrors({ fields: {}, general: null });
    try {
      await requestPasswordReset(email.trim());
      setCode("");
      setNotice(RESET_SENT);
    } catch (error) {
      form.setErrors({ fields: {}, general: errorMessage(error) });
    } finally {
      setResending(false);
    }
  }

  return (
    <AuthCard
      title="Choose a new password"
      intro={<p>Enter the code we emailed you and choose a new password. Every other device will be signed out.</p>}
      footer={
        <p>
          <Link to={withNext("/login", next)}>Back to log in</Link>
        </p>
      }
    >
      <Form onSubmit={submit} failures={form.failures} pending={form.pending}>
        <FormAlert message={form.errors.general} />
        <FormNotice message={notice} />
        <EmailField {...form.bind("email", email, setEmail)} />
        <CodeField {...form.bind("code", code, setCode)} />
        <NewPasswordField {...form.bind("password", password, setPassword)} />
        <div className="form__actions">
          <SubmitButton pending={form.pending} pendingText="Saving…">
            Set new password
          </SubmitButton>
          <ResendCodeButton sending={resending} onResend={() => void resend()} />
        </div>
      </Form>
    </AuthCard>
  );
}
