// The Prisma CLI runs its schema engine in JavaScript against an in-memory PGlite,
// so it never downloads a native engine. It is used to generate the client and to
// write new migrations (`npm run db:diff`); the app applies migrations itself.
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
