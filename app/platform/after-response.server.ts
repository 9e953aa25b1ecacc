import { getLogger } from "./logger.server";

const holder = globalThis as typeof globalThis & { __placementExchangeAfterResponse?: Set<Promise<void>> };

function pending(): Set<Promise<void>> {
  // On globalThis: the server build and the process that hosts it load this module separately.
  holder.__placementExchangeAfterResponse ??= new Set();
  return holder.__placementExchangeAfterResponse;
}

/**
 * Runs work that the person who acted need not wait for (what was saved is committed already), on a
 * later turn of the event loop, so the response goes out first. A failure is logged, never thrown.
 */
export function runAfterResponse(label: string, work: () => Promise<unknown>): void {
  const running = new Promise<void>((resolve) => setImmediate(resolve))
    .then(work)
    .then(
      () => undefined,
      (error: unknown) => getLogger().warn({ err: error }, `${label} failed after the response`),
    );
  pending().add(running);
  void running.finally(() => pending().delete(running));
}

/** Waits for work still under way from runAfterResponse: on shutdown, before the database closes. */
export async function settleAfterResponse(): Promise<void> {
  while (pending().size > 0) await Promise.all(pending());
}
