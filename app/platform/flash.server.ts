import { randomUUID } from "node:crypto";
import { createCookieSessionStorage, redirect, type TypedResponse } from "@remix-run/node";
import { z } from "zod";
import { getEnv, getSessionSecret } from "./env.server";

export const FLASH_COOKIE = "px_flash";

export type FlashTone = "success" | "info";

/**
 * A one-off message for the next page the person sees: set on a redirect, read and cleared by the
 * root loader, shown once by the layout's banner. It is signed, so no link can forge one.
 */
export interface Flash {
  /** Tells two flashes with the same words apart, so the banner shows the second one too. */
  id: string;
  tone: FlashTone;
  message: string;
}

const FlashSchema = z.object({ id: z.string(), tone: z.enum(["success", "info"]), message: z.string() });

// Built on each use: the environment (secret, production or not) is read when needed, as tests change it.
function flashStorage() {
  return createCookieSessionStorage({
    cookie: {
      name: FLASH_COOKIE,
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: getEnv().NODE_ENV === "production",
      secrets: [getSessionSecret()],
    },
  });
}

/** The Set-Cookie header value that carries `message` to the next page. */
export async function flashCookie(message: string, tone: FlashTone = "success"): Promise<string> {
  const storage = flashStorage();
  const session = await storage.getSession();
  session.set("flash", { id: randomUUID(), tone, message } satisfies Flash);
  return storage.commitSession(session);
}

/** Post/redirect/get with a message for the page redirected to. */
export async function redirectWithFlash(
  to: string,
  message: string,
  options: { tone?: FlashTone; headers?: HeadersInit } = {},
): Promise<TypedResponse<never>> {
  const headers = new Headers(options.headers);
  headers.append("Set-Cookie", await flashCookie(message, options.tone));
  return redirect(to, { headers });
}

/** The flash the request carries, if any, and the header that clears it so it shows only once. */
export async function takeFlash(request: Request): Promise<{ flash: Flash | null; headers: Headers | null }> {
  const cookieHeader = request.headers.get("Cookie");
  if (!cookieHeader?.includes(`${FLASH_COOKIE}=`)) return { flash: null, headers: null };
  const storage = flashStorage();
  const session = await storage.getSession(cookieHeader);
  const parsed = FlashSchema.safeParse(session.get("flash"));
  // A stale or tampered cookie is cleared too; only a well-signed, well-formed flash is shown.
  const headers = new Headers({ "Set-Cookie": await storage.destroySession(session) });
  return { flash: parsed.success ? parsed.data : null, headers };
}
