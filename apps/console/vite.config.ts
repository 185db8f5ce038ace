import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * @helpdesk/ui is a barrel of side-effect-free components; telling the bundler so lets pages that use
 * SanitizedMarkdown (react-markdown) keep it out of the initial chunk.
 */
function pureWorkspacePackages(): Plugin {
  return {
    name: "helpdesk:pure-workspace-packages",
    transform(code, id) {
      if (/packages\/(ui|domain)\/src\/.*\.tsx?$/.test(id))
        return { code, moduleSideEffects: false, map: null };
      return null;
    },
  };
}

const api = process.env.HELPDESK_API_URL ?? "http://localhost:3000";

// The server serves the built console at /console/; in dev, /trpc and /api go to the server.
export default defineConfig({
  base: "/console/",
  plugins: [react(), tailwindcss(), pureWorkspacePackages()],
  server: {
    port: 5174,
    proxy: {
      "/trpc": { target: api, changeOrigin: true },
      "/api": { target: api, changeOrigin: true },
    },
  },
  build: {
    outDir: "dist",
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
});
