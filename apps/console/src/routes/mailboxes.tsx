/**
 * IMAP mailboxes (R-MAIL-1), for administrators (mailbox.manage): each mailbox's state — last fetch,
 * last error, messages taken and failures — refreshed every few seconds, and a dialog to add or edit
 * one and test its connection.
 */
import {
  Badge,
  Button,
  Dialog,
  DialogContent,
  EmptyState,
  formatDateTime,
  PageHeader,
  RelativeTime,
  Table,
  TBody,
  Td,
  THead,
  Th,
  Tr,
  toast,
} from "@helpdesk/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Page, QueryBoundary } from "../components/states";
import { MailboxForm } from "../features/mailboxes/mailbox-form";
import type { MailboxView } from "../lib/api-types";
import { errorMessage, trpc, trpcClient } from "../lib/trpc";

export default function MailboxesPage() {
  const list = useQuery({ ...trpc.mailbox.list.queryOptions(), refetchInterval: 5_000 });
  // null: closed; "new": adding; a mailbox: editing it
  const [editing, setEditing] = useState<MailboxView | "new" | null>(null);
  const done = () => {
    setEditing(null);
    void list.refetch();
  };
  return (
    <Page>
      <PageHeader
        title="Mailboxes"
        description="IMAP mailboxes the server fetches support mail from. New mail becomes tickets and replies like mail to the SMTP receiver."
        actions={<Button onClick={() => setEditing("new")}>Add mailbox</Button>}
      />
      <QueryBoundary query={list} label="Loading mailboxes…">
        {(rows) =>
          rows.length === 0 ? (
            <EmptyState
              title="No mailboxes yet"
              description="Add the IMAP mailbox your customers write to; test the connection before you save."
              action={<Button onClick={() => setEditing("new")}>Add mailbox</Button>}
            />
          ) : (
            <Table aria-label="Mailboxes">
              <THead>
                <Tr>
                  <Th>Name</Th>
                  <Th>Server</Th>
                  <Th>Last fetch</Th>
                  <Th>Fetched</Th>
                  <Th>Failed</Th>
                  <Th>State</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </Tr>
              </THead>
              <TBody>
                {rows.map((m) => (
                  <Row key={m.id} m={m} onEdit={() => setEditing(m)} onRemoved={() => void list.refetch()} />
                ))}
              </TBody>
            </Table>
          )
        }
      </QueryBoundary>
      <Dialog open={editing !== null} onOpenChange={(open) => (open ? null : setEditing(null))}>
        {editing !== null ? (
          <DialogContent
            title={editing === "new" ? "Add a mailbox" : `Edit ${editing.name}`}
            className="max-w-2xl"
          >
            <MailboxForm mailbox={editing === "new" ? null : editing} onDone={done} />
          </DialogContent>
        ) : null}
      </Dialog>
    </Page>
  );
}

function Row({ m, onEdit, onRemoved }: { m: MailboxView; onEdit: () => void; onRemoved: () => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <Tr data-testid={`mailbox-${m.name}`}>
      <Td className="font-medium">{m.name}</Td>
      <Td className="text-sm">
        {m.username}@{m.host}:{m.port} · {m.folder}
        {m.tls ? "" : " · no TLS"}
      </Td>
      <Td className="text-sm">
        {m.lastFetchAt ? (
          <span title={formatDateTime(m.lastFetchAt)}>
            <RelativeTime value={m.lastFetchAt} />
          </span>
        ) : (
          "never"
        )}
      </Td>
      <Td data-testid="fetched">{m.fetchedCount}</Td>
      <Td data-testid="failed">
        {m.failedCount}
        {m.pendingRetries > 0 ? ` (${m.pendingRetries} to retry)` : ""}
      </Td>
      <Td className="max-w-80 text-sm">
        {!m.enabled ? (
          <Badge>off</Badge>
        ) : m.lastError ? (
          <span className="text-destructive" role="status">
            {m.lastError}
          </span>
        ) : (
          <Badge>working</Badge>
        )}
      </Td>
      <Td className="whitespace-nowrap text-right">
        <Button size="sm" variant="outline" onClick={onEdit} aria-label={`Edit ${m.name}`}>
          Edit
        </Button>{" "}
        <Button
          size="sm"
          variant="ghost"
          loading={busy}
          aria-label={`Delete ${m.name}`}
          onClick={async () => {
            if (!window.confirm(`Delete the mailbox ${m.name}? Mail already fetched stays.`)) return;
            setBusy(true);
            try {
              await trpcClient.mailbox.remove.mutate({ id: m.id });
              toast.success(`${m.name} deleted.`);
              onRemoved();
            } catch (e) {
              toast.error(errorMessage(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          Delete
        </Button>
      </Td>
    </Tr>
  );
}
