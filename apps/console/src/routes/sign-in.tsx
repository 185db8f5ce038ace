/** Staff sign-in. The answer never says whether an address exists (R-ACT-8). */
import { Alert, Button, Card, CardContent, CenteredLayout, Field, Input } from "@helpdesk/ui";
import { useQueryClient } from "@tanstack/react-query";
import { Headset } from "lucide-react";
import { type FormEvent, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { signIn } from "../lib/auth";

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!email.trim() || !password) {
      setError("Enter your work email address and your password.");
      return;
    }
    setBusy(true);
    try {
      const res = await signIn.email({ email: email.trim(), password });
      if (res.error) {
        setError(
          res.error.status === 429
            ? "Too many attempts. Wait a minute, then try again."
            : res.error.status === 403 || /locked|deactivated|disabled/i.test(res.error.message ?? "")
              ? "This login is deactivated after too many wrong passwords. An administrator must reactivate it; a password reset does not."
              : "The email address or password is not correct. Check both and try again.",
        );
        return;
      }
      await queryClient.invalidateQueries();
      const next = params.get("next");
      navigate(next?.startsWith("/") && !next.startsWith("/sign-in") ? next : "/", { replace: true });
    } catch {
      setError("The server did not answer. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <CenteredLayout
      brand={
        <>
          <Headset className="size-5 text-primary" aria-hidden="true" /> Helpdesk console
        </>
      }
    >
      <Card>
        <CardContent className="pt-6">
          <h1 className="mb-1 text-xl font-semibold">Sign in</h1>
          <p className="mb-5 text-sm text-muted-foreground">For support, billing and administration staff.</p>
          <form className="flex flex-col gap-4" onSubmit={submit} noValidate>
            {error ? (
              <Alert tone="danger" role="alert">
                {error}
              </Alert>
            ) : null}
            <Field label="Work email" required>
              <Input
                type="email"
                name="email"
                autoComplete="username"
                autoFocus
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </Field>
            <Field label="Password" required>
              <Input
                type="password"
                name="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </Field>
            <Button type="submit" loading={busy}>
              Sign in
            </Button>
          </form>
        </CardContent>
      </Card>
    </CenteredLayout>
  );
}
