/**
 * Add or edit an IMAP mailbox (R-MAIL-1): react-hook-form with a zod schema (the api checks the same
 * fields and names the one that is wrong). The password is write-only: when editing, an empty field
 * keeps the stored one. "Test connection" tries the form as it is and shows the server's answer.
 */
import { Alert, Button, Checkbox, Field, Input, Select, toast } from "@helpdesk/ui";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import type { MailboxView } from "../../lib/api-types";
import { errorMessage, trpc, trpcClient } from "../../lib/trpc";

const schema = z.object({
  name: z.string().trim().min(1, "Give the mailbox a name").max(100, "Keep the name under 100 characters"),
  host: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.-]{1,253}$/, "Give the IMAP server's host name, e.g. imap.example.com"),
  port: z.coerce
    .number({ error: "The port is a number, e.g. 993" })
    .int("The port is a whole number")
    .min(1, "The port is 1–65535")
    .max(65535, "The port is 1–65535"),
  tls: z.boolean(),
  username: z.string().trim().min(1, "Give the user name").max(200),
  auth: z.enum(["password", "oauth2"]),
  secret: z.string().max(4000, "The secret is too long"),
  folder: z.string().trim().min(1, "Give the folder, e.g. INBOX").max(200),
  afterAction: z.enum(["move", "flag"]),
  moveTo: z.string().trim().min(1, "Give the folder processed mail goes to").max(200),
  policyId: z.string(),
  enabled: z.boolean(),
});
type FormIn = z.input<typeof schema>;
type FormOut = z.output<typeof schema>;

function defaults(m: MailboxView | null): FormIn {
  return {
    name: m?.name ?? "",
    host: m?.host ?? "",
    port: m?.port ?? 993,
    tls: m?.tls ?? true,
    username: m?.username ?? "",
    auth: m?.auth ?? "password",
    secret: "",
    folder: m?.folder ?? "INBOX",
    afterAction: m?.afterAction ?? "move",
    moveTo: m?.moveTo ?? "Processed",
    policyId: m?.policyId ?? "",
    enabled: m?.enabled ?? true,
  };
}

const fieldsOf = (v: FormOut) => ({ ...v, policyId: v.policyId || null });

export function MailboxForm({ mailbox, onDone }: { mailbox: MailboxView | null; onDone: () => void }) {
  const policies = useQuery(trpc.policy.list.queryOptions());
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(schema),
    defaultValues: defaults(mailbox),
  });
  const { errors, isSubmitting } = form.formState;
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [testing, setTesting] = useState(false);
  const afterAction = form.watch("afterAction");
  const auth = form.watch("auth");

  const save = form.handleSubmit(async (v) => {
    if (!mailbox && !v.secret) {
      form.setError("secret", { message: "Give the password or access token" });
      return;
    }
    try {
      const fields = fieldsOf(v);
      if (mailbox)
        await trpcClient.mailbox.update.mutate({ ...fields, id: mailbox.id, secret: v.secret || undefined });
      else await trpcClient.mailbox.create.mutate(fields);
      toast.success(`${v.name} saved.`);
      onDone();
    } catch (e) {
      toast.error(errorMessage(e));
    }
  });

  const runTest = form.handleSubmit(async (v) => {
    setTesting(true);
    setTest(null);
    try {
      const fields = fieldsOf(v);
      setTest(
        await trpcClient.mailbox.test.mutate({ ...fields, id: mailbox?.id, secret: v.secret || undefined }),
      );
    } catch (e) {
      setTest({ ok: false, message: errorMessage(e) });
    } finally {
      setTesting(false);
    }
  });

  return (
    <form className="flex flex-col gap-3" onSubmit={save} noValidate aria-label="Mailbox settings">
      <Field label="Name" required error={errors.name?.message} help="What staff call it, e.g. Support inbox">
        <Input {...form.register("name")} />
      </Field>
      <div className="grid grid-cols-[1fr_120px] gap-3">
        <Field label="IMAP host" required error={errors.host?.message}>
          <Input {...form.register("host")} placeholder="imap.example.com" autoComplete="off" />
        </Field>
        <Field label="Port" required error={errors.port?.message}>
          <Input {...form.register("port")} inputMode="numeric" />
        </Field>
      </div>
      <Checkbox
        {...form.register("tls")}
        label="TLS"
        help="Implicit TLS, usually port 993; off for port 143"
      />
      <div className="grid grid-cols-2 gap-3">
        <Field label="User name" required error={errors.username?.message}>
          <Input {...form.register("username")} autoComplete="off" />
        </Field>
        <Field label="Sign-in">
          <Select {...form.register("auth")}>
            <option value="password">Password</option>
            <option value="oauth2">OAuth2 access token</option>
          </Select>
        </Field>
      </div>
      <Field
        label={auth === "oauth2" ? "Access token" : "Password"}
        required={!mailbox}
        error={errors.secret?.message}
        help={
          mailbox?.hasSecret
            ? "Leave empty to keep the stored one. It is stored encrypted and never shown."
            : "Stored encrypted; never shown again."
        }
      >
        <Input {...form.register("secret")} type="password" autoComplete="new-password" />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Folder" required error={errors.folder?.message}>
          <Input {...form.register("folder")} />
        </Field>
        <Field label="After processing">
          <Select {...form.register("afterAction")}>
            <option value="move">Move to a folder</option>
            <option value="flag">Flag as read (\Seen)</option>
          </Select>
        </Field>
      </div>
      {afterAction === "move" ? (
        <Field label="Move processed mail to" required error={errors.moveTo?.message}>
          <Input {...form.register("moveTo")} />
        </Field>
      ) : null}
      <Field label="File mail from unknown senders under" help="The policy new tickets get">
        <Select {...form.register("policyId")}>
          <option value="">The server's default</option>
          {(policies.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <Checkbox {...form.register("enabled")} label="Fetch mail from this mailbox" />
      {test ? (
        <Alert
          tone={test.ok ? "success" : "danger"}
          role="status"
          title={test.ok ? "Connection works" : "Connection failed"}
        >
          {test.message}
        </Alert>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" loading={testing} onClick={() => void runTest()}>
          Test connection
        </Button>
        <Button type="submit" loading={isSubmitting}>
          {mailbox ? "Save" : "Add mailbox"}
        </Button>
      </div>
    </form>
  );
}
