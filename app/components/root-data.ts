import { useRouteLoaderData } from "@remix-run/react";
import type { SessionUser } from "~/accounts/session.server";
import type { Flash } from "~/platform/flash.server";

/** What the root loader gives every page: who is signed in, their form token, the bell's count and any flash. */
export interface RootData {
  user: SessionUser | null;
  csrfToken: string | null;
  unreadCount: number;
  flash: Flash | null;
}

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<RootData>("root");
}
