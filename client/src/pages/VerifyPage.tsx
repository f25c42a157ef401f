import { useState } from "react";
import { EmailField } from "../components/AccountFields";
import { Link, useNavigate, useSearchParams } from "react-router";
import { sendCode, verifyCode } from "../api/auth";
import { useAuth } from "../auth/AuthContext";
import { safeNext, withNext } from "../auth/safeNext";
import { AuthCard } from "../components/AuthCard";
import { CodeField, ResendCodeButton } from "../components/CodeField";
import { errorMessage } from "../forms/errors";
import { Form, FormAlert, FormNotice, SubmitButton } from "../forms/Form";
import { CODE_PATTERN, EMAIL_PATTERN, useSubmit } from "../forms/useSubmit";

const FIELDS = ["email", "code"] as const;
const CODE_FIELDS = { invalid_code: "code" };

export default function VerifyPage() {
  const navigate = useNavigate();
  const auth = useAuth();
  const [params] = useSearchParams();
  const next = params.get("next");
  const emailFromLink = params.get("email") ?? "";
  const [email, setEmail] = useState(emailFromLink);
  const [code, setCode] = useState("");
  const [resending, setResending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const form = useSubmit({ fields: FIELDS, codeFields: CODE_FIELDS });

  function checkEmail(): boolean {
    if (EMAIL_PATTERN.test(email.trim())) return true;
    form.reject({ email: email.trim() ? "Enter an email address like name@example.com." : "Enter your email." });
    return false;
  }

  function submit() {
    setNotice(null);
    if (!checkEmail()) return;
    if (!CODE_PATTERN.test(code)) {
      form.reject({ code: "Enter the 6-digit code from the email." });
      return;
    }
    void form.run(async () => {
      const me = await verifyCode(email.trim(), code, "verify_email");
      auth.signedIn(me);
      void navigate(safeNext(next), { replace: true });
    });
  }

  async function resend() {
    setNotice(null);
    if (!checkEmail()) return;
    setResending(true);
    form.setErrors({ fields: {}, general: null });
    try {
      await sendCode(email.trim(), "verify_email");
      setCode("");
      setNotice(`We sent a new code to ${email.trim()}. Codes expire after a few minutes.`);
    } catch (error) {
      form.setErrors({ fields: {}, general: errorMessage(error) });
    } finally {
      setResending(false);
    }
  }

  return (
    <AuthCard
      title="Verify your email"
      intro={
        emailFromLink ? (
          <p>
            We sent a 6-digit code to <strong>{emailFromLink}</strong>. Enter it below to finish
            setting up your account.
          </p>
        ) : (
          <p>Enter the email address you signed up with and the 6-digit code we sent to it.</p>
        )
      }
      footer={
        <p>
          Wrong address? <Link to={withNext("/signup", next)}>Sign up again</Link>
        </p>
      }
    >
      <Form onSubmit={submit} failures={form.failures} pending={form.pending}>
        <FormAlert message={form.errors.general} />
        <FormNotice message={notice} />
        {emailFromLink ? null : (
          <EmailField {...form.bind("email", email, setEmail)} />
        )}
        <CodeField {...form.bind("code", code, setCode)} />
        <div className="form__actions">
          <SubmitButton pending={form.pending} pendingText="Verifying…">
            Verify email
          </SubmitButton>
          <ResendCodeButton sending={resending} onResend={() => void resend()} />
        </div>
      </Form>
    </AuthCard>
  );
}
