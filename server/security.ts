import { pooledRandomBytes } from "~/platform/random-pool.server";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";
import { cleanSearchParams, hasControlCharacters } from "~/platform/control-characters";

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = pooledRandomBytes(16).toString("base64");
  next();
}

const NONCE_PLACEHOLDER = "__PX_CSP_NONCE__";

/**
 * Helmet's headers, worked out once at start: helmet is run against a stand-in response whose nonce is
 * a placeholder, and each request then sets those header values with its own nonce in place.
 * Helmet stays the one source of truth for which headers and values we send; it just no longer
 * rebuilds the same strings on every request.
 */
export function securityHeaders({ development }: { development: boolean }) {
  const middleware = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Vite's dev client injects inline modules; production allows only nonced scripts.
        scriptSrc: development
          ? ["'self'", "'unsafe-inline'"]
          : ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: development ? ["'self'", "ws:", "wss:"] : ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: development ? null : [],
      },
    },
    strictTransportSecurity: development ? false : undefined,
    referrerPolicy: { policy: "same-origin" },
    crossOriginEmbedderPolicy: false,
  });
  const set: [string, string][] = [];
  const removed: string[] = [];
  const standIn = {
    locals: { cspNonce: NONCE_PLACEHOLDER },
    setHeader: (name: string, value: string) => void set.push([name, String(value)]),
    removeHeader: (name: string) => void removed.push(name),
  };
  let synchronous = false;
  middleware({ headers: {} } as Request, standIn as unknown as Response, () => (synchronous = true));
  if (!synchronous) throw new Error("helmet no longer sets its headers synchronously");
  const fixed = set.filter(([, value]) => !value.includes(NONCE_PLACEHOLDER));
  const nonced = set.filter(([, value]) => value.includes(NONCE_PLACEHOLDER)).map(([name, value]) => [name, value.split(NONCE_PLACEHOLDER)] as const);
  return (_req: Request, res: Response, next: NextFunction) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of fixed) res.setHeader(name, value);
    for (const [name, parts] of nonced) res.setHeader(name, parts.join(res.locals.cspNonce as string));
    next();
  };
}

/** The portal uses no powerful browser feature; a page (or an injected frame) may not ask for one. */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "payment=()",
  "publickey-credentials-get=()",
  "usb=()",
  "browsing-topics=()",
].join(", ");

export function permissionsPolicy(_req: Request, res: Response, next: NextFunction) {
  res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
  next();
}

/**
 * Pages are never stored by browsers or proxies: a signed-in page (reasonable-adjustment notes,
 * names) must not come back from a shared computer's cache after sign-out, and the sign-in and
 * password pages carry tokens. A page may choose its own caching only for a visitor with no session.
 * Mount after the static files, which keep their long caching.
 */
export function noStorePages(sessionCookieName: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const signedIn = (req.get("cookie") ?? "").split(";").some((part) => part.trim().startsWith(`${sessionCookieName}=`));
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
      if (signedIn || !res.hasHeader("cache-control")) res.setHeader("Cache-Control", "no-store");
      return writeHead.apply(this, args);
    } as Response["writeHead"];
    next();
  };
}

/**
 * Refuses cross-site mutations: the browser's Origin (or Sec-Fetch-Site) must say the request
 * came from our own pages. Forms additionally carry a session-bound token (app/accounts/csrf.server.ts).
 */
export function sameOriginMutations(allowedOrigins: () => string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!MUTATING.has(req.method)) return next();
    const fetchSite = req.get("sec-fetch-site");
    if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
      return res.status(403).type("text/plain").send("Cross-site request refused.");
    }
    const origin = req.get("origin") ?? refererOrigin(req.get("referer"));
    const own = `${req.protocol}://${req.get("host")}`;
    if (!origin || (origin !== own && !allowedOrigins().includes(origin))) {
      return res.status(403).type("text/plain").send("Cross-site request refused.");
    }
    next();
  };
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/**
 * Bodies over the limit get 413 before anything reads them. Streamed bodies of unknown
 * length are refused (411): browsers always send Content-Length for forms and fetch.
 */
export function bodyLimit(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!MUTATING.has(req.method)) return next();
    if (req.get("transfer-encoding") && !req.get("content-length")) {
      return res.status(411).type("text/plain").send("A Content-Length header is required.");
    }
    const declared = Number(req.get("content-length") ?? "0");
    if (declared > maxBytes) {
      return res
        .status(413)
        .type("text/plain")
        .send(`The request is too large (limit ${Math.round(maxBytes / 1024)} KB).`);
    }
    next();
  };
}

/** The methods the portal answers; TRACE, CONNECT and the rest are refused before anything reads them. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const ALLOWED = new Set<string>(ALLOWED_METHODS);

export function allowedMethods(req: Request, res: Response, next: NextFunction) {
  if (ALLOWED.has(req.method)) return next();
  res.set("Allow", ALLOWED_METHODS.join(", "));
  return res.status(405).type("text/plain").send("That method is not allowed.");
}

/**
 * Addresses the portal can read. A path that is not valid percent-encoded UTF-8, or that decodes to
 * control characters, is a 400 here rather than a crash in routing or the database. Control
 * characters in the query string are dropped (PostgreSQL refuses NUL in text): a page request is
 * sent to the cleaned address, anything else carries on with it.
 */
export function readableAddresses(req: Request, res: Response, next: NextFunction) {
  const [rawPath = "", ...rest] = req.url.split("?");
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return res.status(400).type("text/plain").send("That address is not valid. Check it and try again.");
  }
  if (hasControlCharacters(path)) {
    return res.status(400).type("text/plain").send("That address is not valid. Check it and try again.");
  }
  if (rest.length === 0) return next();
  const rawQuery = rest.join("?");
  const query = new URLSearchParams(rawQuery);
  const cleaned = cleanSearchParams(query);
  if (cleaned.toString() === query.toString()) return next();
  const cleanedQuery = cleaned.toString();
  const cleanedUrl = cleanedQuery ? `${rawPath}?${cleanedQuery}` : rawPath;
  if (req.method === "GET" || req.method === "HEAD") return res.redirect(302, cleanedUrl);
  req.url = cleanedUrl;
  next();
}
