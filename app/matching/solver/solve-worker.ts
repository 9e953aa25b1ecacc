import { parentPort } from "node:worker_threads";
import { type ProfessionBatch, solveProfessions } from "./pipeline";
import type { MatchingInput, MatchingPhase } from "./types";

/** Worker thread: builds, solves, certifies and explains one batch of professions. */

export interface WorkerJob {
  input: MatchingInput;
  professions: string[];
  separateLevels: boolean;
}

export type WorkerMessage =
  | { type: "progress"; phase: MatchingPhase; within: number; detail?: string }
  | { type: "done"; batch: ProfessionBatch }
  | { type: "failed"; errorName: string; errorMessage: string };

parentPort?.on("message", (job: WorkerJob) => {
  const post = (message: WorkerMessage) => parentPort!.postMessage(message);
  try {
    const batch = solveProfessions(job.input, job.professions, {
      separateLevels: job.separateLevels,
      report: (phase, within, detail) => post({ type: "progress", phase, within, detail }),
    });
    post({ type: "done", batch });
  } catch (error) {
    post({
      type: "failed",
      errorName: error instanceof Error ? error.name : "Error",
      errorMessage: error instanceof Error ? error.message : String(error),
    });
  }
});
