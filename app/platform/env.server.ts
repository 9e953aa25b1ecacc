import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Public origin used in email links and the CSRF origin check. */
  APP_URL: z.string().url().optional(),
  /** PostgreSQL connection string. Without it the embedded PGlite database under DATA_DIR is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  /** Where `npm run build` put the app; production serves it. */
  BUILD_DIR: z.string().min(1).default("./build"),
  /** Secret for signing CSRF tokens; required in production. */
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Placement Exchange <no-reply@placement-exchange.local>"),
  OUTBOX_DIR: z.string().min(1).default("./data/outbox"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Seed demo data on an empty database at start-up. */
  SEED_DEMO: z.enum(["true", "false"]).default("true"),
  /** Run background workers (mail, matching) in this process. */
  RUN_WORKERS: z.enum(["true", "false"]).default("true"),
  /** How long a node's claim on a job lasts without a heartbeat before another node may take it over. */
  JOB_LOCK_SECONDS: z.coerce.number().int().min(2).max(3600).default(120),
});

export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment once; a bad value stops the process with one line naming it. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${issue.path.join(".")} ${issue.message}`);
  }
  const env = result.data;
  if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
    throw new ConfigError("Invalid configuration: SESSION_SECRET is required in production");
  }
  return env;
}

export class ConfigError extends Error {}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Secret for HMACs; in development a fixed value is fine because nothing is at stake. */
export function getSessionSecret(): string {
  return getEnv().SESSION_SECRET ?? "development-only-secret-not-for-production-use";
}

/** Re-reads process.env on next use (tests change it). */
export function resetEnv() {
  cached = undefined;
}
