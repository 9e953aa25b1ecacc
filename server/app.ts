import { createServer, type Server as HttpServer } from "node:http";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type { Server as SocketServer } from "socket.io";
import type { Database } from "~/platform/db/db.server";
import type { Env } from "~/platform/env.server";
import { settleAfterResponse } from "~/platform/after-response.server";
import { getLogger } from "~/platform/logger.server";
import { newReference } from "~/platform/reference";
import { inOrder } from "./in-order";
import { createRemixHandler } from "./remix-handler";
import { attachSocketServer } from "./socket";
import { SESSION_COOKIE } from "~/accounts/session.server";
import { allowedMethods, bodyLimit, cspNonce, noStorePages, permissionsPolicy, readableAddresses, sameOriginMutations, securityHeaders } from "./security";

/** The largest CSV upload (2 MB) plus room for the rest of its form. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024 + 256 * 1024;

/** The 4xx status an Express or body-parser error carries, if it is the client's fault. */
function clientErrorStatus(error: unknown): number | null {
  if (typeof error !== "object" || error === null) return null;
  const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof status === "number" && status >= 400 && status < 500 ? status : null;
}

export interface PortalServer {
  httpServer: HttpServer;
  io: SocketServer;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export async function createPortalServer({
  env,
  database,
  build,
}: {
  env: Env;
  database: Database;
  /** "vite" serves from source with hot reload; otherwise the built bundle. */
  build: "vite" | ServerBuild;
}): Promise<PortalServer> {
  const logger = getLogger();
  const development = build === "vite";
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(permissionsPolicy);

  const allowedOrigins = () => (env.APP_URL ? [new URL(env.APP_URL).origin] : []);

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await database.sql.query("SELECT 1");
      res.json({ status: "ready", database: database.kind });
    } catch {
      res.status(503).json({ status: "unavailable", database: database.kind });
    }
  });

  // One Express layer for the steps every request takes: each layer of its own costs Express a dispatch (a few
  // microseconds, several per cent of a small page's CPU in all).
  app.use(
    inOrder([
      (req, res, next) => {
        const reference = newReference();
        res.locals.requestReference = reference;
        // Decided per request, as the level can change at run time; nothing is timed when nothing is logged.
        if (!logger.isLevelEnabled("info")) return next();
        const started = performance.now();
        res.on("finish", () => {
          if (req.path.startsWith("/assets/") || req.path === "/healthz") return;
          logger.info(
            { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started), ip: req.ip, reference },
            "request",
          );
        });
        next();
      },
      cspNonce,
      securityHeaders({ development }),
      allowedMethods,
      readableAddresses,
      // An action's answer is a redirect or a short form reply: setting up a deflate stream for it costs more
      // CPU (about 2 ms) than the few bytes it would save.
      compression({ filter: (request, response) => request.method !== "POST" && compression.filter(request, response) }),
      bodyLimit(MAX_BODY_BYTES),
      sameOriginMutations(allowedOrigins),
    ]),
  );

  const httpServer = createServer(app);
  let remixBuild: ServerBuild | (() => Promise<ServerBuild>);
  let closeVite: (() => Promise<void>) | undefined;
  if (build === "vite") {
    const vite = await import("vite");
    const viteServer = await vite.createServer({
      // Hot reload rides on the portal's own port, so any number of dev servers can run side by side.
      server: { middlewareMode: true, hmr: env.NODE_ENV === "test" ? false : { server: httpServer } },
      logLevel: env.NODE_ENV === "test" ? "error" : "info",
    });
    closeVite = () => viteServer.close();
    app.use(viteServer.middlewares);
    remixBuild = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    const clientDir = path.resolve(env.BUILD_DIR, "client");
    app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y" }));
    // Only paths that name a file (favicon.ico) look on disk: pages would otherwise cost a failed stat each.
    const staticFiles = express.static(clientDir, { maxAge: "1h" });
    app.use((req, res, next) => (path.extname(req.path) ? staticFiles(req, res, next) : next()));
    remixBuild = build;
  }

  app.use(noStorePages(SESSION_COOKIE));
  app.all(
    "*",
    createRemixHandler({
      build: remixBuild,
      mode: development ? "development" : "production",
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip ?? "unknown",
        requestReference: res.locals.requestReference as string,
      }),
    }),
  );

  app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = clientErrorStatus(error);
    if (status) {
      // Bad input from the client (an unreadable body, say) is not a fault of ours: no stack trace.
      logger.info({ method: req.method, path: req.path, status }, "request refused");
      if (!res.headersSent) res.status(status).type("text/plain").send("We could not read that request.");
      return;
    }
    const reference = res.locals.requestReference as string;
    logger.error({ err: error, reference, method: req.method, path: req.path }, "unhandled request error");
    if (!res.headersSent) {
      res.status(500).type("text/plain").send(`Something went wrong on our side. If it keeps happening, contact support quoting reference ${reference}.`);
    }
  });

  const io = attachSocketServer(httpServer, { allowedOrigins });

  return {
    httpServer,
    io,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      });
    },
    async close() {
      // Pushes for actions already answered still reach their browsers, and finish before the database closes.
      await settleAfterResponse();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await closeVite?.();
    },
  };
}
