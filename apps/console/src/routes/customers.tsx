/**
 * Customers (R-ACT-1 to R-ACT-6): accounts, contracts and service levels, partner relations, authorized contacts,
 * portal users — reactivating a login locked by wrong passwords (R-ACT-1…8).
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  DescriptionList,
  EmptyState,
  Input,
  PageHeader,
  Table,
  TBody,
  Td,
  THead,
  Th,
  Tr,
  toast,
} from "@helpdesk/ui";
import { useQueryClient } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { Page, QueryBoundary } from "../components/states";
import { ContractForm, LinkPartner } from "../features/customers/account-forms";
import { TemporaryGrants } from "../features/customers/temporary-grants";
import { useAccount, useAccounts } from "../features/customers/use-accounts";
import { usePolicyMap } from "../features/policy/use-policies";
import { useMe } from "../features/session/session";
import { can } from "../lib/roles";
import { errorMessage, trpc, trpcClient } from "../lib/trpc";

export default function CustomersPage() {
  const { id } = useParams();
  const [search, setSearch] = useState("");
  const accounts = useAccounts(search);
  const policies = usePolicyMap();
  return (
    <Page>
      <PageHeader
        title="Customers"
        description="Accounts, contracts, partner relations, contacts and portal users."
      />
      <div className="grid grid-cols-[360px_minmax(0,1fr)] gap-4">
        <div className="flex flex-col gap-2">
          <div className="relative">
            <Search
              className="pointer-events-none absolute left-2.5 top-3 size-4 text-muted-foreground"
              aria-hidden="true"
            />
            <Input
              aria-label="Search accounts"
              placeholder="Name or customer number"
              className="pl-8"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          <QueryBoundary query={accounts} label="Loading accounts…">
            {(list) =>
              list.length === 0 ? (
                <EmptyState
                  title="No account matches"
                  description="Try part of the name or the customer number."
                />
              ) : (
                <ul className="flex flex-col gap-1" aria-label="Accounts">
                  {list.map((a) => (
                    <li key={a.id}>
                      <Link
                        to={`/customers/${a.id}`}
                        aria-current={a.id === id ? "page" : undefined}
                        className={`flex items-center gap-2 rounded-md border px-3 py-2 text-sm text-foreground no-underline hover:bg-muted ${a.id === id ? "border-primary bg-accent" : "border-border bg-card"}`}
                      >
                        <span className="flex-1 truncate font-medium">{a.name}</span>
                        <span className="font-mono text-xs text-muted-foreground">{a.customerNumber}</span>
                        {a.isPartner ? <Badge tone="violet">partner</Badge> : null}
                        {!a.active ? <Badge>inactive</Badge> : null}
                      </Link>
                      <span className="sr-only">{policies.get(a.policyId)?.name}</span>
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryBoundary>
        </div>
        <div>
          {id ? (
            <AccountDetail id={id} />
          ) : (
            <EmptyState title="Pick an account" description="Its contract, contacts and users appear here." />
          )}
        </div>
      </div>
    </Page>
  );
}

function AccountDetail({ id }: { id: string }) {
  const account = useAccount(id);
  const policies = usePolicyMap();
  const me = useMe();
  const qc = useQueryClient();
  // R-ACT-7: the domain's table decides what this person may change here
  const canEdit = can(me.roles, "account.manage");
  const canReactivate = can(me.roles, "login.reactivate");
  const canGrant = can(me.roles, "access.grantTemporary");
  const allAccounts = useAccounts();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.account.byId.queryKey({ id }) });
    void qc.invalidateQueries({ queryKey: trpc.account.list.queryKey() });
  };
  const act = async (label: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
      toast.success(label);
      refresh();
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };
  return (
    <QueryBoundary query={account} label="Loading the account…" errorTitle="This account could not be loaded">
      {(a) => {
        const policy = policies.get(a.policyId);
        const contract = a.contract as { is24x7: boolean; expressAllowed: boolean };
        const name = (accId: string) => allAccounts.data?.find((x) => x.id === accId)?.name ?? accId;
        return (
          <div className="flex flex-col gap-4" data-testid="account-detail">
            <Card>
              <CardHeader>
                <CardTitle as="h2">
                  {a.name}{" "}
                  <span className="font-mono text-sm font-normal text-muted-foreground">
                    {a.customerNumber}
                  </span>
                </CardTitle>
              </CardHeader>
              <CardContent className="grid grid-cols-2 gap-6">
                <DescriptionList
                  items={[
                    { key: "policy", term: "Policy", value: policy?.name ?? a.policyId },
                    { key: "tz", term: "Time zone", value: a.timeZone },
                    { key: "lang", term: "Language", value: a.language },
                    {
                      key: "partner",
                      term: "Partner account",
                      value: a.isPartner ? "yes (opens tickets on behalf)" : "no",
                    },
                    ...(a.onBehalfIdentifier
                      ? [{ key: "obh", term: "On-behalf identifier", value: a.onBehalfIdentifier }]
                      : []),
                  ]}
                />
                <ContractForm
                  key={`${a.id}-${a.serviceLevelId}-${contract.is24x7}-${contract.expressAllowed}`}
                  disabled={!canEdit}
                  serviceLevels={policy?.serviceLevels.map((s) => ({ id: s.id, name: s.name })) ?? []}
                  initial={{ serviceLevelId: a.serviceLevelId, ...contract }}
                  onSave={(v) =>
                    act("Contract saved.", () =>
                      trpcClient.account.updateContract.mutate({
                        id: a.id,
                        serviceLevelId: v.serviceLevelId,
                        contract: { is24x7: v.is24x7, expressAllowed: v.expressAllowed },
                      }),
                    )
                  }
                />
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle as="h2">Partner relations</CardTitle>
              </CardHeader>
              <CardContent className="flex flex-col gap-2 text-sm">
                {a.partners.length === 0 && a.managedAccounts.length === 0 ? (
                  <p className="text-muted-foreground">No partner relation.</p>
                ) : null}
                {a.partners.map((p) => (
                  <div key={p.partnerAccountId} className="flex items-center gap-2">
                    Managed by <Link to={`/customers/${p.partnerAccountId}`}>{name(p.partnerAccountId)}</Link>
                    {p.customerHasDelegation ? <Badge tone="blue">own delegation</Badge> : null}
                    {canEdit ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() =>
                          act("Partner relation removed.", () =>
                            trpcClient.account.unlinkPartner.mutate({
                              partnerAccountId: p.partnerAccountId,
                              customerAccountId: a.id,
                            }),
                          )
                        }
                      >
                        Remove
                      </Button>
                    ) : null}
                  </div>
                ))}
                {a.managedAccounts.map((m) => (
                  <div key={m.customerAccountId}>
                    Manages <Link to={`/customers/${m.customerAccountId}`}>{name(m.customerAccountId)}</Link>
                  </div>
                ))}
                {canEdit && !a.isPartner ? (
                  <LinkPartner
                    partners={(allAccounts.data ?? []).filter((x) => x.isPartner && x.id !== a.id)}
                    onLink={(partnerAccountId, customerHasDelegation) =>
                      act("Partner linked.", () =>
                        trpcClient.account.linkPartner.mutate({
                          partnerAccountId,
                          customerAccountId: a.id,
                          customerHasDelegation,
                        }),
                      )
                    }
                  />
                ) : null}
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle as="h2">Authorized contacts</CardTitle>
              </CardHeader>
              <CardContent>
                {a.contacts.length === 0 ? (
                  <Alert tone="warning">
                    No authorized contact: nobody of this account can open tickets.
                  </Alert>
                ) : (
                  <Table caption="Authorized contacts">
                    <THead>
                      <Tr>
                        <Th>Name</Th>
                        <Th>Email</Th>
                        <Th>Phone</Th>
                        <Th>Status</Th>
                      </Tr>
                    </THead>
                    <TBody>
                      {a.contacts.map((c) => (
                        <Tr key={c.id}>
                          <Td>
                            {c.firstName} {c.lastName}
                            {a.primaryContactId === c.id ? (
                              <Badge tone="blue" className="ml-2">
                                primary
                              </Badge>
                            ) : null}
                          </Td>
                          <Td>{c.email}</Td>
                          <Td>{[c.phone, c.mobile].filter(Boolean).join(" · ") || "—"}</Td>
                          <Td>{c.active ? <Badge tone="green">active</Badge> : <Badge>inactive</Badge>}</Td>
                        </Tr>
                      ))}
                    </TBody>
                  </Table>
                )}
              </CardContent>
            </Card>
            {/* the roles that may grant temporary access (staffTicket.grantTemporaryAccess) */}
            {canGrant ? <TemporaryGrants accountId={a.id} /> : null}
            <Card>
              <CardHeader>
                <CardTitle as="h2">Portal users</CardTitle>
              </CardHeader>
              <CardContent>
                {a.users.length === 0 ? (
                  <p className="text-sm text-muted-foreground">No portal login.</p>
                ) : (
                  <Table caption="Portal users">
                    <THead>
                      <Tr>
                        <Th>Name</Th>
                        <Th>Email</Th>
                        <Th>Role</Th>
                        <Th>Login</Th>
                        <Th />
                      </Tr>
                    </THead>
                    <TBody>
                      {a.users.map((u) => (
                        <Tr key={u.id} data-user={u.email}>
                          <Td>{u.name}</Td>
                          <Td>{u.email}</Td>
                          <Td>{u.role === "customerAdmin" ? "Admin" : "Staff"}</Td>
                          <Td>
                            {u.active ? (
                              <Badge tone="green">active</Badge>
                            ) : (
                              <Badge tone="red">
                                {u.deactivatedReason === "tooManyFailedPasswords"
                                  ? "locked: too many wrong passwords"
                                  : "deactivated"}
                              </Badge>
                            )}
                          </Td>
                          <Td>
                            {!u.active && canReactivate ? (
                              <Button
                                size="sm"
                                variant="outline"
                                onClick={() =>
                                  act(`${u.name} can sign in again.`, () =>
                                    trpcClient.account.reactivateLogin.mutate({ userId: u.id }),
                                  )
                                }
                              >
                                Reactivate login
                              </Button>
                            ) : null}
                          </Td>
                        </Tr>
                      ))}
                    </TBody>
                  </Table>
                )}
                <p className="mt-2 text-xs text-muted-foreground">
                  A password reset does not reactivate a locked login; an account admin or staff must.
                </p>
              </CardContent>
            </Card>
          </div>
        );
      }}
    </QueryBoundary>
  );
}
