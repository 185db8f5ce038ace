/**
 * Who is signed in, composed from the session (better-auth) and the account procedures of the API:
 * the person, their account, their own authorized-contact entry (R-ACT-3) and the account's primary
 * contact (whom to ask). Cached for the session; `useMe()` is for pages inside the PortalLayout.
 */
import { skipToken, useQuery } from "@tanstack/react-query";
import { sessionQueryKey, sessionQueryOptions } from "../../lib/auth";
import { trpc } from "../../lib/trpc";

export { sessionQueryKey };

export function useSessionQuery() {
  return useQuery(sessionQueryOptions());
}

export function useMeQuery() {
  const session = useSessionQuery();
  const customer = session.data?.kind !== "staff" && Boolean(session.data);
  const account = useQuery({
    ...trpc.account.mine.queryOptions(customer ? undefined : skipToken),
    staleTime: 5 * 60_000,
  });
  const contacts = useQuery({
    ...trpc.account.contacts.queryOptions(customer ? undefined : skipToken),
    staleTime: 60_000,
  });
  const user = session.data;
  const isStaff = user?.kind === "staff";
  const pending = session.isPending || (customer && (account.isPending || contacts.isPending));
  const error = session.error ?? account.error ?? contacts.error ?? null;
  const data =
    user && account.data && contacts.data
      ? (() => {
          const email = user.email.toLowerCase();
          const contact =
            contacts.data.find((c) => c.userId === user.id) ??
            contacts.data.find((c) => c.email.toLowerCase() === email) ??
            null;
          const primary = contacts.data.find((c) => c.id === account.data.primaryContactId && c.active);
          return {
            id: user.id,
            name: user.name,
            email: user.email,
            role: (user.customerRole ?? "customerStaff") as "customerAdmin" | "customerStaff",
            phone: contact?.phone ?? contact?.mobile ?? null,
            account: account.data,
            contact,
            /** R-ACT-3: an active authorized contact (the server also admits the technical delegate) */
            isAuthorizedContact: Boolean(contact?.active),
            admins: primary
              ? [{ name: `${primary.firstName} ${primary.lastName}`, email: primary.email }]
              : [],
          };
        })()
      : undefined;
  return {
    isPending: pending,
    isSignedOut: session.isSuccess && !user,
    isStaff,
    error,
    data,
    refetch: () => Promise.all([session.refetch(), account.refetch(), contacts.refetch()]),
  };
}

export type Me = NonNullable<ReturnType<typeof useMeQuery>["data"]>;

/** Inside the PortalLayout `me` is always loaded. */
export function useMe(): Me {
  const q = useMeQuery();
  if (!q.data) throw new Error("useMe() outside PortalLayout");
  return q.data;
}
