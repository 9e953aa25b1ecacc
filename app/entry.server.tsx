import type { Writable } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { getLogger } from "~/platform/logger.server";
import { documentResponse } from "~/platform/rendered-document.server";
import { NonceProvider } from "./components/nonce";
import { RequestReferenceProvider } from "./components/request-reference";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // Started first so that every callback below can stop it; `abort` exists long before it fires.
    const abortTimer = setTimeout(() => abort(), ABORT_DELAY + 1000);
    // No page streams (no deferred data), so the whole document is rendered, then sent in one write:
    // piping React's ~2 KB chunks through to the socket cost a system call each. React needs only these
    // members of a writable; a stream.Writable would add its own bookkeeping (and an error object at end).
    const chunks: Uint8Array[] = [];
    const collector = {
      write(chunk: Uint8Array) {
        chunks.push(chunk);
        return true;
      },
      end() {
        clearTimeout(abortTimer);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(documentResponse(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
      },
      destroy(error?: unknown) {
        clearTimeout(abortTimer);
        reject(error);
      },
      on() {
        return collector;
      },
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RequestReferenceProvider value={loadContext.requestReference}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </RequestReferenceProvider>
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          shellRendered = true;
          pipe(collector as unknown as Writable);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logFailure(error, request, loadContext);
        },
      },
    );
  });
}

/**
 * Every fault Remix catches is logged once, with the request's reference (the 500 page shows it).
 * A 4xx the router raises itself (no such page, no action here) is the visitor's, not ours: one
 * line, no stack trace.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) {
    const { pathname } = new URL(request.url);
    getLogger().info({ method: request.method, path: pathname, status: error.status }, "request refused");
    return;
  }
  logFailure(error, request, context);
};

function logFailure(error: unknown, request: Request, context: AppLoadContext) {
  const { pathname } = new URL(request.url);
  const cause = isRouteErrorResponse(error) && (error as { error?: unknown }).error ? (error as { error?: unknown }).error : error;
  getLogger().error({ err: cause, reference: context.requestReference, method: request.method, path: pathname }, "request failed");
}
