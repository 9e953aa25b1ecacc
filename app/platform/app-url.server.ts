import { getEnv } from "./env.server";

/** An absolute link to a page of the portal, for emails. */
export function appUrl(path: string): string {
  const env = getEnv();
  return new URL(path, env.APP_URL ?? `http://localhost:${env.PORT}`).toString();
}
