import path from "node:path";
import { pathToFileURL } from "node:url";
import closeWithGrace from "close-with-grace";
import { ConfigError, parseEnv } from "~/platform/env.server";
import { jobHandlers, scheduleRecurringJobs } from "~/job-handlers.server";
import { startWorker, type Worker } from "~/platform/jobs/worker.server";
import { getLogger } from "~/platform/logger.server";
import { seedDemoDataIfEmpty } from "~/seed/seed.server";
import { createPortalServer } from "./app";
import { openPortalDatabase } from "./database";
import { attachRedisAdapter } from "./redis";

async function main() {
  let env;
  try {
    env = parseEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = getLogger();
  const database = await openPortalDatabase(env);
  logger.info({ database: database.kind }, "database ready");

  if (env.SEED_DEMO === "true") {
    const seeded = await seedDemoDataIfEmpty();
    if (seeded) printDemoAccounts(seeded);
  }

  const build =
    env.NODE_ENV === "production"
      ? ((await import(pathToFileURL(path.resolve(env.BUILD_DIR, "server/index.js")).href)) as never)
      : "vite";
  const portal = await createPortalServer({ env, database, build });
  const closeRedis = env.REDIS_URL ? await attachRedisAdapter(portal.io, env.REDIS_URL) : undefined;
  let worker: Worker | undefined;
  if (env.RUN_WORKERS === "true") {
    await scheduleRecurringJobs();
    worker = startWorker(jobHandlers, { logger });
  }

  const port = await portal.listen(env.PORT);
  logger.info({ port, url: `http://localhost:${port}` }, "Placement Exchange is running");
  console.log(`\nPlacement Exchange: http://localhost:${port}\n`);

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) logger.error({ err }, "shutting down after an error");
    else logger.info({ signal }, "shutting down");
    await worker?.stop();
    await portal.close();
    await closeRedis?.();
    await database.close();
  });
}

function printDemoAccounts(accounts: { email: string; role: string; organisation: string }[]) {
  console.log("\nDemo accounts (password: demo-password-2026):");
  for (const account of accounts) {
    console.log(`  ${account.role.padEnd(12)} ${account.email.padEnd(40)} ${account.organisation}`);
  }
}

await main();
