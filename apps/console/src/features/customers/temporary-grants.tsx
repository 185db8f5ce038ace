/**
 * R-ACT-4: an account's temporary access grants on the customers page — who, their state (awaiting the
 * primary contact's confirmation, confirmed, declined/revoked, lapsed), granted and confirm-by — and
 * Revoke behind a confirmation dialog (keyboard: Tab to Revoke, Enter opens, Escape cancels).
 */
import {
  Badge,
  Button,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  DateTime,
  Dialog,
  DialogClose,
  DialogContent,
  DialogTrigger,
  Table,
  TBody,
  Td,
  THead,
  Th,
  Tr,
  toast,
} from "@helpdesk/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { QueryBoundary } from "../../components/states";
import { errorMessage, trpc, trpcClient } from "../../lib/trpc";

type Grant = Awaited<ReturnType<typeof trpcClient.access.grants.query>>[number];

const stateBadge: Record<Grant["state"], { tone: "amber" | "green" | "red" | "gray"; label: string }> = {
  pending: { tone: "amber", label: "awaiting confirmation" },
  confirmed: { tone: "green", label: "confirmed" },
  declined: { tone: "red", label: "declined / revoked" },
  lapsed: { tone: "gray", label: "lapsed" },
};

export function TemporaryGrants({ accountId }: { accountId: string }) {
  const grants = useQuery(trpc.access.grants.queryOptions({ accountId }));
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Temporary access</CardTitle>
      </CardHeader>
      <CardContent>
        <QueryBoundary query={grants} label="Loading temporary access…">
          {(list) =>
            list.length === 0 ? (
              <p className="text-sm text-muted-foreground">No temporary access was granted.</p>
            ) : (
              <Table caption="Temporary access grants">
                <THead>
                  <Tr>
                    <Th>Person</Th>
                    <Th>State</Th>
                    <Th>Granted</Th>
                    <Th>Confirm by</Th>
                    <Th>
                      <span className="sr-only">Actions</span>
                    </Th>
                  </Tr>
                </THead>
                <TBody>
                  {list.map((g) => (
                    <Tr key={g.id} data-grant={g.email}>
                      <Td>
                        <div className="font-medium">{g.name}</div>
                        <div className="text-xs text-muted-foreground">{g.email}</div>
                      </Td>
                      <Td>
                        <Badge tone={stateBadge[g.state].tone}>{stateBadge[g.state].label}</Badge>
                      </Td>
                      <Td>
                        <DateTime value={g.grantedAt} />
                        {g.grantedBy ? (
                          <div className="text-xs text-muted-foreground">by {g.grantedBy}</div>
                        ) : null}
                      </Td>
                      <Td>
                        <DateTime value={g.confirmBy} />
                      </Td>
                      <Td>
                        {g.state === "pending" || g.state === "confirmed" ? <Revoke grant={g} /> : null}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )
          }
        </QueryBoundary>
      </CardContent>
    </Card>
  );
}

function Revoke({ grant }: { grant: Grant }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const revoke = async () => {
    setBusy(true);
    try {
      await trpcClient.access.revoke.mutate({ id: grant.id });
      toast.success(`${grant.name}'s temporary access is revoked.`);
      setOpen(false);
      void qc.invalidateQueries({ queryKey: trpc.access.grants.queryKey({ accountId: grant.accountId }) });
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant="outline" aria-label={`Revoke ${grant.name}'s temporary access`}>
          Revoke
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Revoke ${grant.name}'s temporary access?`}
        description={`${grant.name} (${grant.email}) may then no longer open tickets for ${grant.accountName}. A confirmation by the primary contact no longer counts.`}
        footer={
          <>
            <DialogClose asChild>
              <Button variant="outline" disabled={busy}>
                Cancel
              </Button>
            </DialogClose>
            <Button variant="danger" loading={busy} onClick={() => void revoke()}>
              Revoke access
            </Button>
          </>
        }
      />
    </Dialog>
  );
}
