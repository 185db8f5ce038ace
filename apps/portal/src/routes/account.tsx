import {
  Alert,
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  EmptyState,
  LoadingState,
  PageHeader,
  Select,
  Table,
  Tabs,
  TabsContent,
  TabsList,
  TabsTrigger,
  TBody,
  Td,
  THead,
  Th,
  Tr,
} from "@helpdesk/ui";
import { useQuery } from "@tanstack/react-query";
import { Plus, UserCheck, UserX } from "lucide-react";
import { FormDialog } from "../features/account/person-dialog";
import { succeeded, useAdminAction } from "../features/account/use-admin-action";
import { QueryError } from "../features/common/query-error";
import { useMe } from "../features/session/use-me";
import { usePolicy } from "../features/session/use-policy";
import { useTranslation } from "../i18n";
import { trpc, trpcClient } from "../lib/trpc";

/** R-ACT-2…5: portal users, authorized contacts and the technical delegate (customer admins only). */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.role !== "customerAdmin")
    return (
      <>
        <PageHeader title={t("account.title")} />
        <Alert tone="warning" title={t("account.adminsOnly")}>
          {t("account.adminsOnlyBody")}
        </Alert>
      </>
    );
  return (
    <>
      <PageHeader title={t("account.title")} description={t("account.intro", { account: me.account.name })} />
      <Tabs defaultValue="users">
        <TabsList aria-label={t("account.title")}>
          <TabsTrigger value="users">{t("account.users")}</TabsTrigger>
          <TabsTrigger value="contacts">{t("account.contacts")}</TabsTrigger>
          <TabsTrigger value="delegate">{t("account.delegate")}</TabsTrigger>
        </TabsList>
        <TabsContent value="users">
          <UsersTab meId={me.id} />
        </TabsContent>
        <TabsContent value="contacts">
          <ContactsTab />
        </TabsContent>
        <TabsContent value="delegate">
          <DelegateTab />
        </TabsContent>
      </Tabs>
    </>
  );
}

function UsersTab({ meId }: { meId: string }) {
  const { t } = useTranslation();
  const users = useQuery(trpc.account.users.queryOptions());
  const invite = useAdminAction(
    (v: Record<string, string>) =>
      trpcClient.account.createUser.mutate({
        name: v.name ?? "",
        email: v.email ?? "",
        role: v.role === "customerAdmin" ? "customerAdmin" : "customerStaff",
      }),
    t("account.userInvited"),
  );
  const deactivate = useAdminAction(
    (userId: string) => trpcClient.account.deactivateUser.mutate({ userId }),
    t("account.userDeactivated"),
  );
  const reactivate = useAdminAction(
    (userId: string) => trpcClient.account.reactivateUser.mutate({ userId }),
    t("account.userReactivated"),
  );
  const setRole = useAdminAction(
    (v: { userId: string; role: "customerAdmin" | "customerStaff" }) =>
      trpcClient.account.setUserRole.mutate(v),
    t("account.roleChanged"),
  );
  const roleOptions = [
    { value: "customerStaff", label: t("roles.customerStaff") },
    { value: "customerAdmin", label: t("roles.customerAdmin") },
  ];
  return (
    <Card>
      <CardHeader className="sm:flex-row sm:items-start sm:justify-between">
        <div>
          <CardTitle>{t("account.users")}</CardTitle>
          <CardDescription>{t("account.usersIntro")}</CardDescription>
        </div>
        <FormDialog
          trigger={
            <Button size="sm">
              <Plus aria-hidden="true" className="size-4" />
              {t("account.inviteUser")}
            </Button>
          }
          title={t("account.inviteUser")}
          description={t("account.inviteIntro")}
          fields={[
            { name: "name", label: t("account.name"), required: true, autoComplete: "name" },
            {
              name: "email",
              label: t("auth.email"),
              required: true,
              type: "email",
              help: t("account.inviteEmailHelp"),
            },
            { name: "role", label: t("account.role"), options: roleOptions, help: t("account.roleHelp") },
          ]}
          submitLabel={t("account.sendInvite")}
          pending={invite.isPending}
          onSubmit={(v) => succeeded(invite.mutateAsync(v))}
        />
      </CardHeader>
      <CardContent>
        {users.isPending ? (
          <LoadingState label={t("common.loading")} />
        ) : users.isError ? (
          <QueryError error={users.error} onRetry={() => users.refetch()} />
        ) : users.data.length === 0 ? (
          <EmptyState title={t("account.noUsers")} />
        ) : (
          <Table caption={t("account.users")}>
            <THead>
              <Tr>
                <Th>{t("account.name")}</Th>
                <Th>{t("auth.email")}</Th>
                <Th>{t("account.role")}</Th>
                <Th>{t("account.state")}</Th>
                <Th>
                  <span className="sr-only">{t("common.actions")}</span>
                </Th>
              </Tr>
            </THead>
            <TBody>
              {users.data.map((u) => (
                <Tr key={u.id}>
                  <Td className="font-medium">{u.name}</Td>
                  <Td className="break-all">{u.email}</Td>
                  <Td>
                    {u.id === meId ? (
                      t(`roles.${u.role ?? "customerStaff"}`)
                    ) : (
                      <Select
                        aria-label={t("account.roleOf", { name: u.name })}
                        value={u.role ?? "customerStaff"}
                        className="h-8 w-auto"
                        onChange={(e) =>
                          setRole.mutate({
                            userId: u.id,
                            role: e.target.value as "customerAdmin" | "customerStaff",
                          })
                        }
                      >
                        {roleOptions.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </Select>
                    )}
                  </Td>
                  <Td>
                    {u.active ? (
                      <Badge tone="green">{t("account.active")}</Badge>
                    ) : (
                      <span className="flex flex-col gap-1">
                        <Badge tone="red">{t("account.inactive")}</Badge>
                        {u.deactivatedReason === "tooManyFailedPasswords" ? (
                          <span className="text-xs text-muted-foreground">{t("account.lockedReason")}</span>
                        ) : null}
                      </span>
                    )}
                  </Td>
                  <Td className="text-right">
                    {u.id === meId ? null : u.active ? (
                      <Button variant="ghost" size="sm" onClick={() => deactivate.mutate(u.id)}>
                        <UserX aria-hidden="true" className="size-4" />
                        {t("account.deactivate")}
                      </Button>
                    ) : (
                      <Button variant="outline" size="sm" onClick={() => reactivate.mutate(u.id)}>
                        <UserCheck aria-hidden="true" className="size-4" />
                        {t("account.reactivate")}
                      </Button>
                    )}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

function ContactsTab() {
  const { t } = useTranslation();
  const contacts = useQuery(trpc.account.contacts.queryOptions());
  const add = useAdminAction(
    (v: Record<string, string>) =>
      trpcClient.account.createContact.mutate({
        firstName: v.firstName ?? "",
        lastName: v.lastName ?? "",
        email: v.email ?? "",
        phone: v.phone || undefined,
        mobile: v.mobile || undefined,
      }),
    t("account.contactAdded"),
  );
  const setActive = useAdminAction(
    (v: { contactId: string; active: boolean }) =>
      v.active
        ? trpcClient.account.reactivateContact.mutate({ id: v.contactId })
        : trpcClient.account.deactivateContact.mutate({ id: v.contactId }),
    t("account.contactUpdated"),
  );
  return (
    <Card>
      <CardHeader className="sm:flex-row sm:items-start sm:justify-between">
        <div>
          <CardTitle>{t("account.contacts")}</CardTitle>
          <CardDescription>{t("account.contactsIntro")}</CardDescription>
        </div>
        <FormDialog
          trigger={
            <Button size="sm">
              <Plus aria-hidden="true" className="size-4" />
              {t("account.addContact")}
            </Button>
          }
          title={t("account.addContact")}
          description={t("account.addContactIntro")}
          fields={[
            { name: "firstName", label: t("account.firstName"), required: true, autoComplete: "given-name" },
            { name: "lastName", label: t("account.lastName"), required: true, autoComplete: "family-name" },
            { name: "email", label: t("auth.email"), required: true, type: "email" },
            { name: "phone", label: t("account.phone"), type: "tel" },
            { name: "mobile", label: t("account.mobile"), type: "tel" },
          ]}
          submitLabel={t("account.addContact")}
          pending={add.isPending}
          onSubmit={(v) => succeeded(add.mutateAsync(v))}
        />
      </CardHeader>
      <CardContent>
        {contacts.isPending ? (
          <LoadingState label={t("common.loading")} />
        ) : contacts.isError ? (
          <QueryError error={contacts.error} onRetry={() => contacts.refetch()} />
        ) : contacts.data.length === 0 ? (
          <EmptyState title={t("account.noContacts")} description={t("account.noContactsHint")} />
        ) : (
          <Table caption={t("account.contacts")}>
            <THead>
              <Tr>
                <Th>{t("account.name")}</Th>
                <Th>{t("auth.email")}</Th>
                <Th>{t("account.phone")}</Th>
                <Th>{t("account.state")}</Th>
                <Th>
                  <span className="sr-only">{t("common.actions")}</span>
                </Th>
              </Tr>
            </THead>
            <TBody>
              {contacts.data.map((c) => (
                <Tr key={c.id}>
                  <Td className="font-medium">
                    {c.firstName} {c.lastName}
                  </Td>
                  <Td className="break-all">{c.email}</Td>
                  <Td className="whitespace-nowrap">
                    {[c.phone, c.mobile].filter(Boolean).join(" · ") || (
                      <span className="text-muted-foreground">—</span>
                    )}
                  </Td>
                  <Td>
                    {c.active ? (
                      <Badge tone="green">{t("account.active")}</Badge>
                    ) : (
                      <Badge tone="gray">{t("account.inactive")}</Badge>
                    )}
                  </Td>
                  <Td className="text-right">
                    <Button
                      variant={c.active ? "ghost" : "outline"}
                      size="sm"
                      onClick={() => setActive.mutate({ contactId: c.id, active: !c.active })}
                      aria-label={
                        c.active
                          ? t("account.deactivateNamed", { name: `${c.firstName} ${c.lastName}` })
                          : t("account.reactivateNamed", { name: `${c.firstName} ${c.lastName}` })
                      }
                    >
                      {c.active ? t("account.deactivate") : t("account.reactivate")}
                    </Button>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

function DelegateTab() {
  const { t } = useTranslation();
  const delegate = useQuery(trpc.account.delegate.queryOptions());
  // R-ACT-5: how many delegates the account's support policy allows (some allow none)
  const policy = usePolicy();
  const set = useAdminAction(
    (v: Record<string, string>) =>
      trpcClient.account.setDelegate.mutate({ name: v.name ?? "", aliasEmail: v.aliasEmail ?? "" }),
    t("account.delegateSet"),
  );
  const remove = useAdminAction(
    (id: string) => trpcClient.account.removeDelegate.mutate({ id }),
    t("account.delegateRemoved"),
  );
  const current = delegate.data?.[0];
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("account.delegate")}</CardTitle>
        <CardDescription>{t("account.delegateIntro")}</CardDescription>
      </CardHeader>
      <CardContent>
        {delegate.isPending || policy.isPending ? (
          <LoadingState label={t("common.loading")} />
        ) : delegate.isError ? (
          <QueryError error={delegate.error} onRetry={() => delegate.refetch()} />
        ) : policy.isError ? (
          <QueryError error={policy.error} onRetry={() => policy.refetch()} />
        ) : current ? (
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <div className="text-sm">
              <p className="font-medium">{current.user.name}</p>
              <p className="text-muted-foreground">{current.aliasEmail}</p>
              {!current.user.active ? <Badge tone="red">{t("account.inactive")}</Badge> : null}
            </div>
            <Button
              variant="outline"
              size="sm"
              onClick={() => remove.mutate(current.id)}
              loading={remove.isPending}
            >
              {t("account.removeDelegate")}
            </Button>
          </div>
        ) : policy.data.delegates.max === 0 ? (
          <EmptyState title={t("account.noDelegatePolicy")} description={t("account.noDelegatePolicyHint")} />
        ) : (
          <EmptyState
            title={t("account.noDelegate")}
            description={t("account.noDelegateHint")}
            action={
              <FormDialog
                trigger={<Button size="sm">{t("account.setDelegate")}</Button>}
                title={t("account.setDelegate")}
                description={t("account.delegateIntro")}
                fields={[
                  { name: "name", label: t("account.delegateName"), required: true },
                  {
                    name: "aliasEmail",
                    label: t("account.aliasEmail"),
                    required: true,
                    type: "email",
                    help: t("account.aliasEmailHelp"),
                  },
                ]}
                submitLabel={t("account.setDelegate")}
                pending={set.isPending}
                onSubmit={(v) => succeeded(set.mutateAsync(v))}
              />
            }
          />
        )}
      </CardContent>
    </Card>
  );
}
