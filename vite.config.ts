import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  // Native, server-only packages: never pre-bundle them for the browser.
  optimizeDeps: { exclude: ["@node-rs/argon2", "@electric-sql/pglite", "pg"] },
  plugins: [tailwindcss(), remix(remixConfig), tsconfigPaths()],
});
