import { once } from "node:events";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { inOrder } from "./in-order";
import { createRemixRequest } from "./remix-handler";

const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

async function listen(app: express.Express): Promise<number> {
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await once(server, "listening");
  return (server.address() as AddressInfo).port;
}

function get(port: number, path: string, headers: IncomingHttpHeaders = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ port, host: "127.0.0.1", path, headers: headers as Record<string, string> }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject).end();
  });
}

describe("the Request a page's loaders get", () => {
  it("carries the address, method and headers the browser sent", async () => {
    const app = express();
    app.get("*", (req, res) => {
      const request = createRemixRequest(req, res);
      res.json({ url: request.url, method: request.method, cookie: request.headers.get("cookie"), accept: request.headers.get("accept") });
    });
    const port = await listen(app);
    const { body } = await get(port, "/opportunities?page=2", { cookie: "a=1; b=2", accept: "text/html" });
    expect(JSON.parse(body)).toEqual({ url: `http://127.0.0.1:${port}/opportunities?page=2`, method: "GET", cookie: "a=1; b=2", accept: "text/html" });
  });

  it("is aborted when the browser goes away before the answer, and not once it is answered", async () => {
    const signals: AbortSignal[] = [];
    const app = express();
    app.get("/slow", (req, res) => {
      signals.push(createRemixRequest(req, res).signal);
    });
    app.get("/quick", (req, res) => {
      signals.push(createRemixRequest(req, res).signal);
      res.send("done");
    });
    const port = await listen(app);
    await get(port, "/quick");
    const gone = httpRequest({ port, host: "127.0.0.1", path: "/slow" }).on("error", () => {});
    gone.end();
    await expect.poll(() => signals.length).toBe(2);
    const slow = signals[1]!;
    expect(slow.aborted).toBe(false);
    gone.destroy();
    await expect.poll(() => slow.aborted).toBe(true);
    expect(signals[0]!.aborted).toBe(false);
  });
});

describe("steps run as one layer", () => {
  it("runs each step in order until one answers, and passes errors, thrown or given, to the error handler", async () => {
    const app = express();
    const seen: string[] = [];
    app.use(
      inOrder([
        (req, _res, next) => (seen.push(`first ${req.path}`), next()),
        (req, res, next) => (req.path === "/answered" ? res.send("answered by a step") : next()),
        (req, _res, next) => (req.path === "/given" ? next(new Error("given")) : next()),
        (req, _res, next) => {
          if (req.path === "/thrown") throw new Error("thrown");
          next();
        },
      ]),
    );
    app.get("*", (_req, res) => res.send("page"));
    app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => res.status(500).send(`error: ${error.message}`));
    const port = await listen(app);
    expect(await get(port, "/page")).toEqual({ status: 200, body: "page" });
    expect(await get(port, "/answered")).toEqual({ status: 200, body: "answered by a step" });
    expect(await get(port, "/given")).toEqual({ status: 500, body: "error: given" });
    expect(await get(port, "/thrown")).toEqual({ status: 500, body: "error: thrown" });
    expect(seen).toEqual(["first /page", "first /answered", "first /given", "first /thrown"]);
  });
});
