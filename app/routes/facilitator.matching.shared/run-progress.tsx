import { useNavigation, useRevalidator } from "@remix-run/react";
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
  const revalidate = useRevalidateOneAtATime();
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

/**
 * Reloads the page's data, one reload at a time. A reload started while another is on its way
 * aborts the first, and Remix logs an answer aborted mid-read as an error in the console; so a call
 * while the page is loading is remembered and made once it has finished, and still fetches the newest state.
 */
function useRevalidateOneAtATime() {
  const { revalidate, state } = useRevalidator();
  const navigation = useNavigation();
  const loading = state !== "idle" || navigation.state !== "idle";
  const loadingRef = useRef(loading);
  loadingRef.current = loading;
  const wanted = useRef(false);
  useEffect(() => {
    if (loading || !wanted.current) return;
    wanted.current = false;
    loadingRef.current = true;
    revalidate();
  }, [loading, revalidate]);
  return useCallback(() => {
    if (loadingRef.current) {
      wanted.current = true;
      return;
    }
    loadingRef.current = true;
    revalidate();
  }, [revalidate]);
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
