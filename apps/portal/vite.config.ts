import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = process.env.HELPDESK_API_URL ?? "http://localhost:3000";

// The server serves the built portal at /; in dev, /trpc and /api go to the server.
export default defineConfig({
  base: "/",
  plugins: [react(), tailwindcss()],
  server: {
    port: 5173,
    proxy: {
      "/trpc": { target: api, changeOrigin: true },
      "/api": { target: api, changeOrigin: true },
    },
  },
  build: {
    outDir: "dist",
    sourcemap: false,
    // route-level chunks (React.lazy) keep sign-in + home small; see BENCHMARKS.md
    chunkSizeWarningLimit: 500,
  },
});
