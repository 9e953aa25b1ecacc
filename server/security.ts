import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";
import { cleanSearchParams, hasControlCharacters } from "~/platform/control-characters";

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
}

export function securityHeaders({ development }: { development: boolean }) {
  return helmet({
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
