import { useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useSocketEvent } from "~/components/realtime";
import type { MatchingProgressPush } from "~/platform/realtime/events";

/**
 * The run's progress as it happens. A run can finish before this page is listening (a small run
 * takes a fraction of a second), so the page asks the server for the run's state again whenever it
 * starts listening: when it mounts and when the socket has joined its rooms. After that the finish
 * event itself reloads the page's data; a slow poll covers a page without a socket.
 */
export function useLiveProgress(runId: string, initial: { progress: number; phase: string | null }, active: boolean) {
  const [live, setLive] = useState(initial);
  const { revalidate } = useRevalidator();
  const activeRef = useRef(active);
  activeRef.current = active;

  useEffect(() => setLive({ progress: initial.progress, phase: initial.phase }), [initial.progress, initial.phase]);

  useSocketEvent(
    "matching-progress",
    useCallback(
      (event: MatchingProgressPush) => {
        if (event.runId !== runId) return;
        setLive({ progress: event.fraction, phase: event.detail ? `${event.phase}: ${event.detail}` : event.phase });
        if (event.phase === "done" || event.phase === "failed") revalidate();
      },
      [runId, revalidate],
    ),
  );
  useSocketEvent(
    "welcome",
    useCallback(() => {
      if (activeRef.current) revalidate();
    }, [revalidate]),
  );
  useEffect(() => {
    if (!active) return;
    revalidate();
    const timer = setInterval(revalidate, 4000);
    return () => clearInterval(timer);
  }, [active, revalidate]);
  return live;
}

const PHASE_TEXT: Record<string, string> = {
  load: "Reading offers and requests",
  build: "Reading offers and requests",
  done: "Finished",
};

export function RunProgress({ status, live }: { status: string; live: { progress: number; phase: string | null } }) {
  const percent = Math.round(live.progress * 100);
  return (
    <section aria-labelledby="progress-heading" className="card mb-6">
      <h2 id="progress-heading">{status === "QUEUED" ? "Waiting to start" : "Matching in progress"}</h2>
      <label htmlFor="run-progress" className="field-label">
        {percent}% {live.phase ? `· ${PHASE_TEXT[live.phase] ?? live.phase}` : ""}
      </label>
      <progress id="run-progress" max={1} value={live.progress} className="h-4 w-full" aria-valuetext={`${percent}%`} />
      <p className="mt-2 text-nhs-grey-1" role="status">
        You can leave this page: the run carries on, and you will be notified when it finishes.
      </p>
    </section>
  );
}
