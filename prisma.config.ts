// The Prisma CLI runs its schema engine in JavaScript, so it never downloads a native engine.
// We use the CLI for `prisma generate` and for diffing two schema files (`npm run db:diff`),
// neither of which touches a database; the app applies migrations itself (app/platform/db/migrate.server.ts).
// The adapter below exists because the JS engine requires one.
import { PGlite } from "@electric-sql/pglite";
import { defineConfig } from "prisma/config";
import { PrismaPGlite } from "pglite-prisma-adapter";

process.env.PRISMA_SCHEMA_URL_UNUSED ??= "postgresql://unused";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    // Typed against an older driver-adapter-utils; the runtime contract is the same.
    return new PrismaPGlite(new PGlite()) as never;
  },
});
