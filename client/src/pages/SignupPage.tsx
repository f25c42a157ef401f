import { useState } from "react";
import { EmailField, NewPasswordField } from "../components/AccountFields";
import { Link, useNavigate, useSearchParams } from "react-router";
import { register } from "../api/auth";
import { withNext } from "../auth/safeNext";
import { AuthCard } from "../components/AuthCard";
import { Field, Form, FormAlert, SubmitButton } from "../forms/Form";
import {
  EMAIL_PATTERN,
  PASSWORD_MAX,
  PASSWORD_MIN,
  requireFields,
  useSubmit,
} from "../forms/useSubmit";

const FIELDS = ["name", "email", "password"] as const;
const CODE_FIELDS = { weak_password: "password" };

export default function SignupPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get("next");
  const [name, setName] = useState("");
  const [email, setEmail] = useState(params.get("email") ?? "");
  const [password, setPassword] = useState("");
  const form = useSubmit({ fields: FIELDS, codeFields: CODE_FIELDS });

  function submit() {
    const problems = requireFields({ name, email, password }, { name: "Name", email: "Email", password: "Password" });
    if (!problems.email && !EMAIL_PATTERN.test(email.trim())) {
      problems.email = "Enter an email address like name@example.com.";
    }
    if (!problems.password && password.length < PASSWORD_MIN) {
      problems.password = `Use at least ${PASSWORD_MIN} characters.`;
    }
    if (!problems.password && password.length > PASSWORD_MAX) {
      problems.password = `Use at most ${PASSWORD_MAX} characters.`;
    }
    if (Object.keys(problems).length > 0) {
      form.reject(problems);
      return;
    }
    void form.run(async () => {
      const result = await register({ name: name.trim(), email: email.trim(), password });
      const target = `/verify?email=${encodeURIComponent(result.email || email.trim())}`;
      void navigate(withNext(target, next));
    });
  }

  return (
    <AuthCard
      title="Sign up"
      intro="Create your Inkwell account. We will email you a 6-digit code to confirm your address."
      footer={
        <p>
          Already have an account? <Link to={withNext("/login", next)}>Log in</Link>
        </p>
      }
    >
      <Form onSubmit={submit} failures={form.failures} pending={form.pending}>
        <FormAlert message={form.errors.general} />
        <Field
          label="Name"
          name="name"
          autoComplete="name"
          required
          maxLength={200}
          {...form.bind("name", name, setName)}
        />
        <EmailField {...form.bind("email", email, setEmail)} />
        <NewPasswordField
          label="Password"
          {...form.bind("password", password, setPassword)}
        />
        <SubmitButton pending={form.pending} pendingText="Creating account…">
          Sign up
        </SubmitButton>
      </Form>
    </AuthCard>
  );
}
