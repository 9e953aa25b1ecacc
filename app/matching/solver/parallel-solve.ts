import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { MatchingInstanceTooLargeError } from "./build-network";
import { MatchingCertificateError } from "./certificate";
import { NetworkSimplexError } from "./network-simplex";
import type { PhaseReporter, ProfessionBatch } from "./pipeline";
import type { WorkerJob, WorkerMessage } from "./solve-worker";
import type { MatchingInput } from "./types";

/** A worker thread could not be started here (e.g. a bundle without the worker file). */
export class WorkerStartError extends Error {
  override name = "WorkerStartError";
}

function startWorker(): Worker {
  const ownUrl = import.meta.url;
  if (ownUrl.endsWith(".ts")) {
    // Running from TypeScript source (tsx, vitest): workers do not inherit a TS loader, so
    // the worker registers tsx itself before loading its module.
    const tsxApi = createRequire(ownUrl).resolve("tsx/cjs/api");
    const workerPath = fileURLToPath(new URL("./solve-worker.ts", ownUrl));
    return new Worker(`require(${JSON.stringify(tsxApi)}).register(); require(${JSON.stringify(workerPath)});`, { eval: true });
  }
  return new Worker(new URL("./solve-worker.js", ownUrl));
}

function rebuildError(message: { errorName: string; errorMessage: string }): Error {
  if (message.errorName === "MatchingCertificateError") return new MatchingCertificateError(message.errorMessage);
  if (message.errorName === "NetworkSimplexError") return new NetworkSimplexError(message.errorMessage);
  if (message.errorName === "MatchingInstanceTooLargeError") return new MatchingInstanceTooLargeError(message.errorMessage);
  return new Error(message.errorMessage);
}

/**
 * Runs each batch of professions on its own worker thread (its instance copied to it), so the
 * calling thread stays free. Progress of each batch is passed on with the batch's index.
 */
export function solveBatchesInWorkers(
  inputs: readonly MatchingInput[],
  batches: readonly string[][],
  options: {
    separateLevels?: boolean;
    onProgress?: (batch: number, ...progress: Parameters<PhaseReporter>) => void;
    /** Aborting it stops every worker and rejects. */
    signal?: AbortSignal;
  },
): Promise<ProfessionBatch[]> {
  const results = new Array<ProfessionBatch>(batches.length);
  let remaining = batches.length;
  if (remaining === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let settled = false;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve(results);
    };
    options.signal?.addEventListener("abort", () => finish(new Error("stopped")), { once: true });
    batches.forEach((professions, batch) => {
      let worker: Worker;
      try {
        worker = startWorker();
      } catch (error) {
        finish(new WorkerStartError(error instanceof Error ? error.message : String(error)));
        return;
      }
      workers.push(worker);
      let heardFrom = false;
      worker.on("message", (message: WorkerMessage) => {
        heardFrom = true;
        if (message.type === "progress") options.onProgress?.(batch, message.phase, message.within, message.detail);
        else if (message.type === "failed") finish(rebuildError(message));
        else {
          results[batch] = message.batch;
          if (--remaining === 0) finish(null);
        }
      });
      worker.on("error", (error) => finish(heardFrom ? error : new WorkerStartError(error.message)));
      const job: WorkerJob = { input: inputs[batch], professions, separateLevels: options.separateLevels ?? false };
      worker.postMessage(job);
    });
  });
}
