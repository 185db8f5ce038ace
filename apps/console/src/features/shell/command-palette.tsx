/** Ctrl/Cmd-K: jump anywhere, open a ticket by number, switch theme, sign out. */
import { parseTicketReference } from "@helpdesk/domain/ids";
import { Command } from "cmdk";
import { LogOut, Moon, Ticket } from "lucide-react";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { canSee } from "../../lib/roles";
import { toggleTheme } from "../../lib/theme";
import { ticketPath } from "../../lib/ticket-path";
import { useMe } from "../session/session";
import { navItems } from "./nav";

export interface PaletteAction {
  id: string;
  label: string;
  hint?: string;
  run: () => void;
}

/** Pages can add their own commands (e.g. the queue's saved views) through this event. */
export const paletteActions = new Map<string, PaletteAction[]>();

export function CommandPalette({ onSignOut }: { onSignOut: () => void }) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const navigate = useNavigate();
  const me = useMe();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    const onOpen = () => setOpen(true);
    window.addEventListener("keydown", onKey);
    window.addEventListener("helpdesk:palette", onOpen);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("helpdesk:palette", onOpen);
    };
  }, []);

  const run = (fn: () => void) => {
    setOpen(false);
    setSearch("");
    fn();
  };
  // R-TKT-1: the domain reads what was typed: 'RCR 0000068', 'rcr0000068', 'RCR-0000068' or digits alone
  const reference = parseTicketReference(search);
  const ticketLabel = reference?.kind === "number" ? reference.formatted : reference?.digits;
  const extra = [...paletteActions.values()].flat();

  return (
    <Command.Dialog
      open={open}
      onOpenChange={setOpen}
      label="Command palette"
      contentClassName="fixed left-1/2 top-[15vh] z-50 w-[560px] -translate-x-1/2 overflow-hidden rounded-lg border border-border bg-card text-card-foreground shadow-2xl"
      overlayClassName="fixed inset-0 z-40 bg-black/40"
    >
      <div>
        <Command.Input
          value={search}
          onValueChange={setSearch}
          placeholder="Type a command, a page or a ticket number (e.g. RCR 1234567)…"
          className="w-full border-b border-border bg-transparent px-4 py-3 text-sm outline-none"
        />
        <Command.List className="max-h-[360px] overflow-y-auto p-2">
          <Command.Empty className="px-3 py-6 text-center text-sm text-muted-foreground">
            Nothing matches. Try a page name like “queue” or a ticket number.
          </Command.Empty>
          {reference && ticketLabel ? (
            <Command.Group heading="Ticket">
              <Item
                // cmdk filters on the value: keep what was typed in it so the item always shows
                value={`open ticket ${search}`}
                onSelect={() => run(() => navigate(ticketPath(ticketLabel)))}
              >
                <Ticket className="size-4" aria-hidden="true" /> Open ticket {ticketLabel}
              </Item>
            </Command.Group>
          ) : null}
          <Command.Group heading="Go to">
            {navItems
              .filter((n) => canSee(me.roles, n.section))
              .map((n) => (
                <Item key={n.to} value={`go ${n.label}`} onSelect={() => run(() => navigate(n.to))}>
                  <n.icon className="size-4" aria-hidden="true" /> {n.label}
                  <span className="ml-auto text-xs text-muted-foreground">
                    <kbd>g</kbd> <kbd>{n.key}</kbd>
                  </span>
                </Item>
              ))}
          </Command.Group>
          {extra.length ? (
            <Command.Group heading="This page">
              {extra.map((a) => (
                <Item key={a.id} value={a.label} onSelect={() => run(a.run)}>
                  {a.label}
                  {a.hint ? <span className="ml-auto text-xs text-muted-foreground">{a.hint}</span> : null}
                </Item>
              ))}
            </Command.Group>
          ) : null}
          <Command.Group heading="Settings">
            <Item value="toggle dark mode theme" onSelect={() => run(() => toggleTheme())}>
              <Moon className="size-4" aria-hidden="true" /> Toggle dark mode
            </Item>
            <Item value="sign out" onSelect={() => run(onSignOut)}>
              <LogOut className="size-4" aria-hidden="true" /> Sign out
            </Item>
          </Command.Group>
        </Command.List>
      </div>
    </Command.Dialog>
  );
}

function Item({ children, ...props }: React.ComponentProps<typeof Command.Item>) {
  return (
    <Command.Item
      {...props}
      className="flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm aria-selected:bg-accent aria-selected:text-accent-foreground"
    >
      {children}
    </Command.Item>
  );
}
