import { randomUUID } from "node:crypto";
import { prisma, Prisma } from "~/platform/db/db.server";
import { getEnv } from "~/platform/env.server";
import { nextDailyRun } from "./daily";

type Client = Pick<typeof prisma, "job">;

export interface NewJob {
  queue: string;
  payload: Prisma.InputJsonValue;
  /** Enqueueing the same key twice keeps the first job: for "once per event" work. */
  dedupeKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/** Several jobs, each with a dedupe key, in one statement (each key kept once, as enqueueJob does). */
export async function enqueueJobs(client: Client, jobs: (NewJob & { dedupeKey: string })[]) {
  if (jobs.length === 0) return;
  await client.job.createMany({ data: jobs.map((job) => ({ ...job })), skipDuplicates: true });
}

/**
 * Pass the transaction client so the job commits (or not) with the change that caused it.
 * With a dedupeKey the insert is ON CONFLICT DO NOTHING: several nodes enqueueing the same job at
 * the same moment (say, scheduling the daily digest at start-up) get one job and no error.
 */
export async function enqueueJob(client: Client, job: NewJob) {
  const { dedupeKey } = job;
  if (dedupeKey) {
    await enqueueJobs(client, [{ ...job, dedupeKey }]);
    return client.job.findUniqueOrThrow({ where: { dedupeKey } });
  }
  return client.job.create({ data: { ...job } });
}

export interface DailyJob {
  queue: string;
  /** The run time is appended, so each day's run is one job however many nodes schedule it. */
  dedupePrefix: string;
  hourUtc: number;
  minuteUtc?: number;
}

/** Enqueues a daily job's next run (see nextDailyRun), once across nodes. */
export async function scheduleDailyJob(job: DailyJob, now = new Date()) {
  const runAt = nextDailyRun(now, job.hourUtc, job.minuteUtc);
  await enqueueJob(prisma, { queue: job.queue, payload: {}, dedupeKey: `${job.dedupePrefix}:${runAt.toISOString()}`, runAt });
}

export interface ClaimedJob {
  id: string;
  queue: string;
  payload: Prisma.JsonValue;
  attempts: number;
  maxAttempts: number;
}

export const WORKER_ID = `${process.pid}-${randomUUID().slice(0, 8)}`;

/**
 * Takes the next due job of a queue. SKIP LOCKED lets several nodes poll the same table
 * and never take the same job; a job whose lock lapsed (its node died) is taken again.
 */
export async function claimJob(queue: string, lockSeconds = getEnv().JOB_LOCK_SECONDS): Promise<ClaimedJob | null> {
  const rows = await prisma.$queryRaw<ClaimedJob[]>`
    UPDATE "Job" SET "status" = 'running', "lockedBy" = ${WORKER_ID},
      "lockedUntil" = now() + make_interval(secs => ${lockSeconds}),
      "attempts" = "attempts" + 1, "updatedAt" = now()
    WHERE "id" = (
      SELECT "id" FROM "Job"
      WHERE "queue" = ${queue}
        AND (("status" = 'pending' AND "runAt" <= now())
          OR ("status" = 'running' AND "lockedUntil" < now()))
      ORDER BY "runAt"
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "queue", "payload", "attempts", "maxAttempts"`;
  return rows[0] ?? null;
}

export async function completeJob(id: string, result?: Prisma.InputJsonValue) {
  await prisma.job.update({
    where: { id },
    data: { status: "done", lockedBy: null, lockedUntil: null, progress: 1, result },
  });
}

/** Exponential backoff: 2, 4, 8 … seconds, capped at 10 minutes. */
export function backoffSeconds(attempts: number): number {
  return Math.min(600, 2 ** Math.max(1, attempts));
}

export async function failJob(job: ClaimedJob, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  const finalAttempt = job.attempts >= job.maxAttempts;
  await prisma.job.update({
    where: { id: job.id },
    data: {
      status: finalAttempt ? "failed" : "pending",
      lastError: message.slice(0, 2000),
      lockedBy: null,
      lockedUntil: null,
      runAt: new Date(Date.now() + backoffSeconds(job.attempts) * 1000),
    },
  });
}

export async function reportJobProgress(id: string, progress: number) {
  await prisma.job.update({ where: { id }, data: { progress } });
}

/** A long job keeps its claim alive; if its node dies the claim lapses and another node takes the job. */
export async function extendJobLock(id: string, lockSeconds = getEnv().JOB_LOCK_SECONDS) {
  await prisma.$executeRaw`UPDATE "Job" SET "lockedUntil" = now() + make_interval(secs => ${lockSeconds}) WHERE "id" = ${id} AND "lockedBy" = ${WORKER_ID}`;
}
