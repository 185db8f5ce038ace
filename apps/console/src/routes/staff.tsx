/** Staff and roles (R-ACT-7) and the on-call rota for 24x7 contracts (R-SLA-5). Administrators edit. */
import {
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Checkbox,
  EmptyState,
  Field,
  formatDateTime,
  Input,
  PageHeader,
  Select,
  Table,
  TBody,
  Td,
  THead,
  Th,
  Tr,
  toast,
} from "@helpdesk/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Page, QueryBoundary } from "../components/states";
import { useMe } from "../features/session/session";
import { serverNow } from "../lib/clock";
import { can, roleLabels, type StaffRole } from "../lib/roles";
import { errorMessage, trpc, trpcClient } from "../lib/trpc";

const allRoles = Object.keys(roleLabels) as StaffRole[];
const DAY = 86_400_000;

export default function StaffPage() {
  const me = useMe();
  // R-ACT-7: staff changes and the rota follow the domain's table
  const admin = can(me.roles, "staff.manage");
  const rotaEditor = can(me.roles, "onCall.editRota");
  const staff = useQuery(trpc.staff.list.queryOptions());
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: trpc.staff.list.queryKey() });
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
    <Page>
      <PageHeader
        title="Staff & on-call"
        description={
          admin
            ? "Roles decide what each person sees and may do."
            : "Read-only: only administrators change staff and the rota."
        }
      />
      <div className="flex flex-col gap-4">
        <QueryBoundary query={staff} label="Loading staff…">
          {(list) => (
            <Table caption="Staff">
              <THead>
                <Tr>
                  <Th>Name</Th>
                  <Th>Email</Th>
                  <Th>Roles</Th>
                  <Th>Login</Th>
                  {admin ? <Th /> : null}
                </Tr>
              </THead>
              <TBody>
                {list.map((s) => (
                  <StaffRow key={s.id} s={s} admin={admin} self={s.id === me.id} act={act} />
                ))}
              </TBody>
            </Table>
          )}
        </QueryBoundary>
        {admin ? <NewStaff onCreated={refresh} /> : null}
        <Rota staff={(staff.data ?? []).filter((s) => s.active)} admin={rotaEditor} />
      </div>
    </Page>
  );
}

type Staff = { id: string; name: string; email: string; roles: string[]; active: boolean };

function StaffRow({
  s,
  admin,
  self,
  act,
}: {
  s: Staff;
  admin: boolean;
  self: boolean;
  act: (label: string, fn: () => Promise<unknown>) => Promise<void>;
}) {
  const [editing, setEditing] = useState(false);
  const [roles, setRoles] = useState<string[]>(s.roles);
  return (
    <Tr>
      <Td className="font-medium">
        {s.name}
        {self ? <span className="text-muted-foreground"> (you)</span> : null}
      </Td>
      <Td>{s.email}</Td>
      <Td>
        {editing ? (
          <fieldset className="grid grid-cols-2 gap-1">
            <legend className="sr-only">Roles of {s.name}</legend>
            {allRoles.map((r) => (
              <Checkbox
                key={r}
                label={roleLabels[r]}
                checked={roles.includes(r)}
                onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))}
              />
            ))}
          </fieldset>
        ) : (
          <span className="flex flex-wrap gap-1">
            {s.roles.map((r) => (
              <Badge key={r} tone="indigo">
                {roleLabels[r as StaffRole] ?? r}
              </Badge>
            ))}
          </span>
        )}
      </Td>
      <Td>{s.active ? <Badge tone="green">active</Badge> : <Badge tone="red">deactivated</Badge>}</Td>
      {admin ? (
        <Td className="whitespace-nowrap">
          {editing ? (
            <>
              <Button
                size="sm"
                disabled={roles.length === 0}
                onClick={() =>
                  void act("Roles saved.", () =>
                    trpcClient.staff.setRoles.mutate({ id: s.id, roles: roles as StaffRole[] }),
                  ).then(() => setEditing(false))
                }
              >
                Save
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            </>
          ) : (
            <>
              <Button size="sm" variant="outline" onClick={() => setEditing(true)}>
                Roles…
              </Button>
              {self ? null : s.active ? (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() =>
                    void act(`${s.name} deactivated.`, () => trpcClient.staff.deactivate.mutate({ id: s.id }))
                  }
                >
                  Deactivate
                </Button>
              ) : (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() =>
                    void act(`${s.name} reactivated.`, () => trpcClient.staff.reactivate.mutate({ id: s.id }))
                  }
                >
                  Reactivate
                </Button>
              )}
            </>
          )}
        </Td>
      ) : null}
    </Tr>
  );
}

function NewStaff({ onCreated }: { onCreated: () => void }) {
  const [form, setForm] = useState({
    name: "",
    email: "",
    role: "supportSpecialist" as StaffRole,
    password: "",
  });
  const [busy, setBusy] = useState(false);
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Add a staff member</CardTitle>
      </CardHeader>
      <CardContent>
        <form
          className="grid grid-cols-[1fr_1fr_220px_1fr_auto] items-end gap-3"
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            try {
              await trpcClient.staff.create.mutate({
                name: form.name,
                email: form.email,
                roles: [form.role],
                password: form.password || undefined,
              });
              toast.success(`${form.name} added.`);
              setForm({ name: "", email: "", role: form.role, password: "" });
              onCreated();
            } catch (err) {
              toast.error(errorMessage(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Field label="Name" required>
            <Input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </Field>
          <Field label="Email" required>
            <Input
              type="email"
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.target.value })}
            />
          </Field>
          <Field label="Role">
            <Select
              value={form.role}
              onChange={(e) => setForm({ ...form, role: e.target.value as StaffRole })}
            >
              {allRoles.map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Initial password" optionalLabel="(optional, 8+ characters)">
            <Input
              type="password"
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
            />
          </Field>
          <Button type="submit" loading={busy} disabled={!form.name.trim() || !form.email.trim()}>
            Add
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

function toLocalInput(ms: number) {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function Rota({ staff, admin }: { staff: Staff[]; admin: boolean }) {
  const window = useMemo(() => {
    const from = Math.floor(serverNow() / DAY) * DAY - DAY;
    return { from, to: from + 15 * DAY };
  }, []);
  const rota = useQuery(trpc.staff.rota.queryOptions(window));
  const qc = useQueryClient();
  const [form, setForm] = useState(() => ({
    staffId: "",
    fromAt: toLocalInput(window.from + DAY + 17 * 3_600_000),
    toAt: toLocalInput(window.from + 2 * DAY + 8 * 3_600_000),
  }));
  const refresh = () => void qc.invalidateQueries({ queryKey: trpc.staff.rota.queryKey() });
  const now = serverNow();
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">On-call rota</CardTitle>
        <CardDescription>
          Who is paged when an urgent ticket of a 24x7 contract arrives out of hours by portal or phone. Next
          two weeks.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <QueryBoundary query={rota} label="Loading the rota…">
          {(list) =>
            list.length === 0 ? (
              <EmptyState
                title="Nobody is on call"
                description="Add shifts below so out-of-hours pages reach someone."
              />
            ) : (
              <Table caption="On-call shifts">
                <THead>
                  <Tr>
                    <Th>Who</Th>
                    <Th>From</Th>
                    <Th>To</Th>
                    <Th />
                  </Tr>
                </THead>
                <TBody>
                  {list.map((r) => (
                    <Tr key={r.id}>
                      <Td className="font-medium">
                        {r.name}{" "}
                        {r.fromAt <= now && now < r.toAt ? <Badge tone="green">on call now</Badge> : null}
                      </Td>
                      <Td>{formatDateTime(r.fromAt)}</Td>
                      <Td>{formatDateTime(r.toAt)}</Td>
                      <Td>
                        {admin ? (
                          <Button
                            size="sm"
                            variant="ghost"
                            onClick={async () => {
                              try {
                                await trpcClient.staff.removeRota.mutate({ id: r.id });
                                toast.success("Shift removed.");
                                refresh();
                              } catch (e) {
                                toast.error(errorMessage(e));
                              }
                            }}
                          >
                            Remove
                          </Button>
                        ) : null}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )
          }
        </QueryBoundary>
        {admin ? (
          <form
            className="grid grid-cols-[1fr_220px_220px_auto] items-end gap-3"
            onSubmit={async (e) => {
              e.preventDefault();
              try {
                await trpcClient.staff.addRota.mutate({
                  staffId: form.staffId,
                  fromAt: Date.parse(form.fromAt),
                  toAt: Date.parse(form.toAt),
                });
                toast.success("Shift added.");
                refresh();
              } catch (err) {
                toast.error(errorMessage(err));
              }
            }}
          >
            <Field label="Who">
              <Select value={form.staffId} onChange={(e) => setForm({ ...form, staffId: e.target.value })}>
                <option value="">Pick a person</option>
                {staff.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="From">
              <Input
                type="datetime-local"
                value={form.fromAt}
                onChange={(e) => setForm({ ...form, fromAt: e.target.value })}
              />
            </Field>
            <Field label="To">
              <Input
                type="datetime-local"
                value={form.toAt}
                onChange={(e) => setForm({ ...form, toAt: e.target.value })}
              />
            </Field>
            <Button type="submit" disabled={!form.staffId}>
              Add shift
            </Button>
          </form>
        ) : null}
      </CardContent>
    </Card>
  );
}
