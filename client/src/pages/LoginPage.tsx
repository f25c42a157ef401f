import { useEffect, useState } from "react";
import { EmailField } from "../components/AccountFields";
import { Link, useNavigate, useSearchParams } from "react-router";
import { listProviders, login, sendCode, verifyCode, type Provider } from "../api/auth";
import { ApiError } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { safeNext, withNext } from "../auth/safeNext";
import { AuthCard } from "../components/AuthCard";
import { CodeField, ResendCodeButton } from "../components/CodeField";
import { ProviderButtons } from "../components/ProviderButtons";
import { Tabs, type TabItem } from "../components/Tabs";
import { errorMessage } from "../forms/errors";
import { Field, Form, FormAlert, FormNotice, SubmitButton } from "../forms/Form";
import { CODE_PATTERN, EMAIL_PATTERN, requireFields, useSubmit } from "../forms/useSubmit";

/** What the server's `/login?error=` codes mean to a person. */
export const PROVIDER_ERRORS: Record<string, string> = {
  oauth_failed:
    "Signing in with the provider did not work. Try again, or log in with your email below.",
  oauth_state:
    "That sign-in attempt expired or was started in another tab. Please try again.",
  oauth_email_taken:
    "The email address of that provider account already belongs to another Inkwell account. Log in with your email and password or an emailed code instead.",
  oauth_email_unverified:
    "That provider account has no verified email address. Verify it with the provider, or log in with your email below.",
};

export function providerErrorMessage(code: string | null): string | null {
  if (!code) return null;
  return PROVIDER_ERRORS[code] ?? "Signing in with the provider did not complete. Please try again.";
}

type Mode = "password" | "code";
const MODES: readonly TabItem<Mode>[] = [
  { id: "password", label: "Password" },
  { id: "code", label: "Email me a code" },
];

const FIELDS = ["email", "password", "code"] as const;
const CODE_FIELDS = { invalid_code: "code" };

function emailProblem(email: string): string | null {
  if (!email.trim()) return "Enter your email.";
  if (!EMAIL_PATTERN.test(email.trim())) return "Enter an email address like name@example.com.";
  return null;
}

export default function LoginPage() {
  const navigate = useNavigate();
  const auth = useAuth();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const rawNext = params.get("next");

  const [mode, setMode] = useState<Mode>("password");
  const [email, setEmail] = useState(params.get("email") ?? "");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [codeSentTo, setCodeSentTo] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [unverified, setUnverified] = useState(false);
  const [sendingVerification, setSendingVerification] = useState(false);
  const [resending, setResending] = useState(false);
  const [providerError, setProviderError] = useState(() => providerErrorMessage(params.get("error")));
  const [providers, setProviders] = useState<Provider[]>([]);
  const form = useSubmit({ fields: FIELDS, codeFields: CODE_FIELDS });

  useEffect(() => {
    const controller = new AbortController();
    listProviders(controller.signal)
      .then(setProviders)
      // Provider buttons are an extra; the page works without them.
      .catch(() => undefined);
    return () => controller.abort();
  }, []);

  function finish(me: Parameters<typeof auth.signedIn>[0]) {
    auth.signedIn(me);
    void navigate(next, { replace: true });
  }

  function resetMessages() {
    setProviderError(null);
    setNotice(null);
    setUnverified(false);
  }

  function switchMode(to: Mode) {
    if (to === mode) return;
    setMode(to);
    resetMessages();
    form.setErrors({ fields: {}, general: null });
  }

  function submitPassword() {
    resetMessages();
    const problems = requireFields({ password }, { password: "Password" });
    const bad = emailProblem(email);
    if (bad) problems.email = bad;
    if (Object.keys(problems).length > 0) {
      form.reject(problems);
      return;
    }
    void form.run(async () => {
      try {
        finish(await login(email.trim(), password));
      } catch (error) {
        if (error instanceof ApiError && error.code === "email_unverified") setUnverified(true);
        throw error;
      }
    });
  }

  async function sendVerification() {
    setSendingVerification(true);
    try {
      await sendCode(email.trim(), "verify_email");
      void navigate(withNext(`/verify?email=${encodeURIComponent(email.trim())}`, rawNext));
    } catch (error) {
      setUnverified(false);
      form.setErrors({ fields: {}, general: errorMessage(error) });
    } finally {
      setSendingVerification(false);
    }
  }

  function requestCode() {
    resetMessages();
    const bad = emailProblem(email);
    if (bad) {
      form.reject({ email: bad });
      return;
    }
    void form.run(async () => {
      await sendCode(email.trim(), "login");
      setCodeSentTo(email.trim());
      setCode("");
      setNotice(`If ${email.trim()} has an Inkwell account, a 6-digit code is on its way.`);
    });
  }

  async function resendLoginCode() {
    if (codeSentTo === null) return;
    resetMessages();
    setResending(true);
    form.setErrors({ fields: {}, general: null });
    try {
      await sendCode(codeSentTo, "login");
      setCode("");
      setNotice(`We sent a new code to ${codeSentTo}.`);
    } catch (error) {
      form.setErrors({ fields: {}, general: errorMessage(error) });
    } finally {
      setResending(false);
    }
  }

  function submitCode() {
    resetMessages();
    if (!CODE_PATTERN.test(code)) {
      form.reject({ code: "Enter the 6-digit code from the email." });
      return;
    }
    void form.run(async () => {
      finish(await verifyCode(codeSentTo ?? email.trim(), code, "login"));
    });
  }


  const emailField = <EmailField {...form.bind("email", email, setEmail)} />;

  return (
    <AuthCard
      title="Log in"
      footer={
        <p>
          New to Inkwell? <Link to={withNext("/signup", rawNext)}>Sign up</Link>
        </p>
      }
    >
      {providerError ? (
        <div className="notice notice--error" role="alert">
          <p>{providerError}</p>
        </div>
      ) : null}

      <Tabs label="How to log in" tabs={MODES} selected={mode} onSelect={switchMode} idPrefix="login" />

      {/* Panels carry no aria-labelledby: their tab names ("Password", "Email…") would
          make the panels match the fields' own labels. */}
      <div role="tabpanel" id="login-panel" className="tabs__panel">
        {mode === "password" ? (
          <Form onSubmit={submitPassword} failures={form.failures} pending={form.pending}>
            <FormAlert message={form.errors.general}>
              {unverified ? (
                <p>
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => void sendVerification()}
                    disabled={sendingVerification}
                  >
                    {sendingVerification ? "Sending…" : "Send a verification code"}
                  </button>
                </p>
              ) : null}
            </FormAlert>
            {emailField}
            <Field
              label="Password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              {...form.bind("password", password, setPassword)}
            />
            <p className="form__aside">
              <Link to={email ? `/forgot?email=${encodeURIComponent(email.trim())}` : "/forgot"}>
                Forgot password?
              </Link>
            </p>
            <SubmitButton pending={form.pending} pendingText="Logging in…">
              Log in
            </SubmitButton>
          </Form>
        ) : codeSentTo === null ? (
          <Form onSubmit={requestCode} failures={form.failures} pending={form.pending}>
            <FormAlert message={form.errors.general} />
            <p className="form__aside">We will email you a 6-digit code. No password needed.</p>
            {emailField}
            <SubmitButton pending={form.pending} pendingText="Sending code…">
              Email me a code
            </SubmitButton>
          </Form>
        ) : (
          <Form onSubmit={submitCode} failures={form.failures} pending={form.pending}>
            <FormAlert message={form.errors.general} />
            <FormNotice message={notice} />
            <CodeField
              {...form.bind("code", code, setCode)}
              hint={`6 digits, from the email we sent to ${codeSentTo}.`}
            />
            <div className="form__actions">
              <SubmitButton pending={form.pending} pendingText="Logging in…">
                Log in
              </SubmitButton>
              <ResendCodeButton sending={resending} onResend={() => void resendLoginCode()} />
              <button
                type="button"
                className="button button--link"
                onClick={() => {
                  setCodeSentTo(null);
                  setCode("");
                  resetMessages();
                  form.setErrors({ fields: {}, general: null });
                }}
              >
                Use a different email
              </button>
            </div>
          </Form>
        )}
      </div>

      <ProviderButtons providers={providers} next={next} />
    </AuthCard>
  );
}
