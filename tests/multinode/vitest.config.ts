import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Needs the production build (npm run build), PostgreSQL (DATABASE_URL) and Redis (REDIS_URL).
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/multinode/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
  },
});
