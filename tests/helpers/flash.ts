import type { RootData } from "~/components/root-data";
import { FLASH_COOKIE } from "~/platform/flash.server";
import { loader as rootLoader } from "~/root";
import { settle, testContext, type SignedIn } from "./fixtures";

/** The flash cookie a response sets, as the `name=value` pair a browser sends back, or null. */
export function flashCookieOf(response: Response | null): string | null {
  const setCookie = response?.headers.getSetCookie().find((cookie) => cookie.startsWith(`${FLASH_COOKIE}=`));
  return setCookie ? setCookie.split(";")[0] : null;
}

/**
 * Follows a redirect that set a flash cookie as the browser would: a GET of its Location with the
 * session and the flash cookie. Returns the message the layout's banner shows there.
 */
export async function bannerAfter(response: Response | null, as?: SignedIn): Promise<string | null> {
  const location = response?.headers.get("Location");
  if (!location) throw new Error("Not a redirect");
  const flash = flashCookieOf(response);
  if (!flash) throw new Error(`The redirect to ${location} sets no flash cookie`);
  const cookies = [as?.cookie, flash].filter(Boolean).join("; ");
  const request = new Request(new URL(location, "http://localhost"), { headers: cookies ? { Cookie: cookies } : {} });
  const page = await settle(() => rootLoader({ request, params: {}, context: testContext }));
  return (page.data as RootData).flash?.message ?? null;
}
