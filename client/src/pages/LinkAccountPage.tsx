import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { confirmLink, sendLinkCode } from "../api/auth";
import { ApiError } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { AuthCard } from "../components/AuthCard";
import { CodeField } from "../components/CodeField";
import { errorMessage } from "../forms/errors";
import { Field, Form, FormAlert, FormNotice, SubmitButton } from "../forms/Form";
import { CODE_PATTERN, useSubmit } from "../forms/useSubmit";

const FIELDS = ["password", "code"] as const;
const CODE_FIELDS = { invalid_code: "code", invalid_credentials: "password" };

const PROVIDER_NAMES: Record<string, string> = { google: "Google", github: "GitHub" };

/** A link token that is missing, used or expired cannot be retried: start over. */
function isDeadToken(error: unknown): boolean {
  return error instanceof ApiError && error.code === "invalid_link_token";
}

export default function LinkAccountPage() {
  const navigate = useNavigate();
  const auth = useAuth();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const provider = params.get("provider") ?? "";
  const email = params.get("email") ?? "";
  const providerName = PROVIDER_NAMES[provider] ?? (provider || "your provider");

  const [method, setMethod] = useState<"password" | "code">("password");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [codeSent, setCodeSent] = useState(false);
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  const form = useSubmit({ fields: FIELDS, codeFields: CODE_FIELDS });

  async function confirm(proof: { password: string } | { code: string }) {
    try {
      auth.signedIn(await confirmLink(token, proof));
      void navigate("/chat", { replace: true });
    } catch (error) {
      if (isDeadToken(error)) setExpired(true);
      throw error;
    }
  }

  function submitPassword() {
    setNotice(null);
    if (!password) {
      form.reject({ password: "Enter your Inkwell password." });
      return;
    }
    void form.run(() => confirm({ password }));
  }

  function submitCode() {
    setNotice(null);
    if (!CODE_PATTERN.test(code)) {
      form.reject({ code: "Enter the 6-digit code from the email." });
      return;
    }
    void form.run(() => confirm({ code }));
  }

  async function emailCode() {
    setNotice(null);
    setSending(true);
    form.setErrors({ fields: {}, general: null });
    try {
      await sendLinkCode(token);
      setMethod("code");
      setCodeSent(true);
      setCode("");
      setNotice(`We sent a 6-digit code to ${email || "your email address"}.`);
    } catch (error) {
      if (isDeadToken(error)) setExpired(true);
      form.setErrors({ fields: {}, general: errorMessage(error) });
    } finally {
      setSending(false);
    }
  }

  if (!token) {
    return (
      <AuthCard title="Connect your account">
        <div className="notice notice--error" role="alert">
          <p>This link is incomplete. Start again by signing in with your provider.</p>
        </div>
        <p>
          <Link to="/login">Go to log in</Link>
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Connect your account"
      intro={
        <p>
          {email ? (
            <>
              An Inkwell account already uses <strong>{email}</strong>.
            </>
          ) : (
            "An Inkwell account already uses this email address."
          )}{" "}
          Confirm it is yours to sign in with {providerName} from now on.
        </p>
      }
      footer={
        <p>
          Not you? <Link to="/login">Log in another way</Link>
        </p>
      }
    >
      {expired ? (
        <p className="form__aside">
          <Link to="/login">Start again from the log-in page</Link>
        </p>
      ) : null}
      {method === "password" ? (
        <Form onSubmit={submitPassword} failures={form.failures} pending={form.pending}>
          <FormAlert message={form.errors.general} />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            hint="The password of your Inkwell account."
            {...form.bind("password", password, setPassword)}
          />
          <div className="form__actions">
            <SubmitButton pending={form.pending} pendingText="Connecting…">
              Connect account
            </SubmitButton>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void emailCode()}
              disabled={sending}
            >
              {sending ? "Sending…" : "Email me a code instead"}
            </button>
          </div>
        </Form>
      ) : (
        <Form onSubmit={submitCode} failures={form.failures} pending={form.pending}>
          <FormAlert message={form.errors.general} />
          <FormNotice message={notice} />
          <CodeField {...form.bind("code", code, setCode)} />
          <div className="form__actions">
            <SubmitButton pending={form.pending} pendingText="Connecting…">
              Connect account
            </SubmitButton>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void emailCode()}
              disabled={sending || !codeSent}
            >
              {sending ? "Sending…" : "Send a new code"}
            </button>
            <button
              type="button"
              className="button button--link"
              onClick={() => {
                setMethod("password");
                setNotice(null);
                form.setErrors({ fields: {}, general: null });
              }}
            >
              Use my password instead
            </button>
          </div>
        </Form>
      )}
    </AuthCard>
  );
}
