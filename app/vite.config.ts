import path from "node:path";
import { fileURLToPath } from "node:url";

import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = path.dirname(fileURLToPath(import.meta.url));

// The dev server (npm run app:dev) hot-reloads the app and sends its API and JSON-RPC to the
// dashboard's server of a running `npm run sandbox` (SANDBOX_APP_URL, 127.0.0.1:5173 by default).
const api = process.env.SANDBOX_APP_URL ?? "http://127.0.0.1:5173";

export default defineConfig({
  root: here,
  base: "./",
  plugins: [react()],
  build: {
    outDir: path.join(here, "dist"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    host: "127.0.0.1",
    port: 5174,
    fs: { allow: [path.join(here, "..")] },
    proxy: { "/api": api, "/rpc": api },
  },
});
