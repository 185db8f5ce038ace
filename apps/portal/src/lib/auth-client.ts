/** better-auth's browser client (loaded on demand through lib/auth.ts). */
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient({ baseURL: window.location.origin });
