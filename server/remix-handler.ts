import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type express from "express";
import { renderedDocumentOf, wholeEncodedText } from "~/platform/rendered-document.server";

/**
 * Express → Remix, as `@remix-run/express` 2.17 does it (the request is built the same way), except for the
 * sending: a page rendered whole into a buffer (`documentResponse`) goes out in one `end`, where the package
 * would read it back through a web stream and write it again (about 7% of a small page's CPU). Told so by the
 * load context, the page's Response is made without a body, which would only be a stream nobody reads (~5%).
 * A `.data` response whose text the encoder kept whole goes out the same way.
 */
export function createRemixHandler({
  build,
  mode,
  getLoadContext,
}: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "development" | "production";
  getLoadContext: (req: express.Request, res: express.Response) => AppLoadContext;
}): express.RequestHandler {
  const handleRequest = createRequestHandler(build, mode);
  return async (req, res, next) => {
    try {
      const request = createRemixRequest(req, res);
      const response = await handleRequest(request, { ...getLoadContext(req, res), sendsRenderedDocument: true });
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

export function createRemixRequest(req: express.Request, res: express.Response): Request {
  // req.hostname respects "trust proxy" but drops the port, which comes from X-Forwarded-Host or Host.
  const port = portOf(req.get("X-Forwarded-Host")) ?? portOf(req.get("host"));
  let url: URL;
  try {
    url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  } catch {
    // A Host (or forwarded host) no address can have, such as "a b" or port 99999: the client's fault.
    throw Object.assign(new Error("The request's host is not a valid address"), { status: 400 });
  }
  let controller: AbortController | null = new AbortController();
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers: headersOf(req.headers) };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  // Loaders and actions are aborted when the connection closes before the response is finished.
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  const request = new Request(url.href, init);
  // Our controller's signal stands in for the one Request would make to follow it: following a signal costs
  // undici about 20 µs and a finalizer per request (about 1% of a small page), and nothing here fetches with it.
  Object.defineProperty(request, "signal", { value: controller.signal });
  return request;
}

function portOf(host: string | undefined): number | undefined {
  const port = Number.parseInt(host?.split(":")[1] ?? "", 10);
  return Number.isSafeInteger(port) ? port : undefined;
}

/** Node's headers as Request takes them: the object itself when every header came once (almost always). */
function headersOf(requestHeaders: express.Request["headers"]): HeadersInit {
  let repeated = false;
  for (const key in requestHeaders) if (typeof requestHeaders[key] !== "string") repeated = true;
  if (!repeated) return requestHeaders as Record<string, string>;
  const headers = new Headers();
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  return headers;
}

async function sendResponse(res: express.Response, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  const document = renderedDocumentOf(response) ?? wholeDataOf(response);
  if (document) {
    // Set here: compression sends headers before Node could count the one chunk (and drops it when it compresses).
    res.setHeader("Content-Length", document.length);
    res.end(document);
  } else if (response.body) {
    if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
    await writeReadableStreamToWritable(response.body, res);
  } else {
    res.end();
  }
}

/** A page's data for a navigation in the browser (a `.data` request), when the encoder kept it whole: sent in one piece. */
function wholeDataOf(response: Response): Buffer | undefined {
  const text = wholeEncodedText(response.body);
  return text === undefined ? undefined : Buffer.from(text);
}
