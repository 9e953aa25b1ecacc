import type { Logger } from "pino";
import { claimJob, completeJob, failJob, type ClaimedJob } from "./queue.server";

export type JobHandler = (job: ClaimedJob) => Promise<unknown>;

export interface Worker {
  /** Look for work now rather than at the next poll. */
  wake(): void;
  /** Drain: finish the jobs in hand, take no more. */
  stop(): Promise<void>;
  /** Run every due job of every queue, then resolve (for tests and scripts). */
  drain(): Promise<number>;
}

export function startWorker(handlers: Record<string, JobHandler>, options: { pollMs?: number; logger?: Logger; autoStart?: boolean } = {}): Worker {
  const pollMs = options.pollMs ?? 1000;
  let stopped = false;
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;

  // Queues drain side by side, so a long matching run does not hold up the mail.
  async function runOnce(): Promise<number> {
    const counts = await Promise.all(
      Object.entries(handlers).map(async ([queue, handle]) => {
        let processed = 0;
        while (!stopped) {
          const job = await claimJob(queue);
          if (!job) break;
          try {
            const result = await handle(job);
            await completeJob(job.id, (result ?? undefined) as never);
          } catch (error) {
            options.logger?.warn({ err: error, jobId: job.id, queue }, "job failed");
            await failJob(job, error);
          }
          processed++;
        }
        return processed;
      }),
    );
    return counts.reduce((sum, count) => sum + count, 0);
  }

  function tick() {
    if (stopped || running) return;
    running = runOnce()
      .catch((error) => {
        options.logger?.error({ err: error }, "worker poll failed");
        return 0;
      })
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(tick, pollMs);
      });
  }

  if (options.autoStart !== false) timer = setTimeout(tick, 0);

  return {
    wake() {
      if (timer) clearTimeout(timer);
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    /** Runs until no queue has work due, including jobs that other jobs queued while it ran. */
    async drain() {
      await running;
      let total = 0;
      for (let pass = 0; pass < 10; pass++) {
        const processed = await runOnce();
        total += processed;
        if (processed === 0) break;
      }
      return total;
    },
  };
}
