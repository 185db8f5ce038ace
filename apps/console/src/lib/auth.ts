/** better-auth's React client against the server's /api/auth (R-ACT-8: answers never reveal whether an address exists). */
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient({
  baseURL: window.location.origin,
  basePath: "/api/auth",
});

export const { useSession, signIn, signOut } = authClient;
