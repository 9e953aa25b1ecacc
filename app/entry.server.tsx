import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { getLogger } from "~/platform/logger.server";
import { documentResponse, wholeEncodedText } from "~/platform/rendered-document.server";
import { NonceProvider } from "./components/nonce";
import { RequestReferenceProvider } from "./components/request-reference";

/** How long the loaders' data may take to encode (deferred values Remix then aborts). No page defers any. */
export const streamTimeout = 5_000;

/**
 * Pages are rendered to a string and sent whole: no page streams (no deferred data). React's streaming
 * renderer encodes each of the many small pieces of markup into a byte view as it goes, which made it
 * about three times as costly as rendering to a string (docs/performance.md).
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  await readServerHandoffWhole(remixContext);
  const markup = renderToString(
    <NonceProvider value={nonce}>
      <RequestReferenceProvider value={loadContext.requestReference}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </RequestReferenceProvider>
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return documentResponse(
    Buffer.from(`<!DOCTYPE html>${markup}`),
    { headers: responseHeaders, status: responseStatusCode },
    { withBody: !loadContext.sendsRenderedDocument },
  );
}

/**
 * Remix hands the loaders' data to the browser through `StreamTransfer`, which reads it chunk by chunk and
 * suspends until each arrives: a string render would leave it out. Read whole beforehand and placed where
 * `StreamTransfer` keeps what it has read (its `streamCache`: the data as the first chunk, then the end), it
 * renders at once, into the same markup as a streamed render of data that arrived in one chunk. With nothing
 * deferred the encoder keeps the whole text on the stream (a dependency edit, scripts/patch-dependencies.mjs),
 * so the stream need not be read back at all.
 */
async function readServerHandoffWhole(context: EntryContext) {
  const stream = context.serverHandoffStream;
  if (!stream) return;
  const text = wholeEncodedText(stream) ?? (await readWhole(stream));
  const renderMeta = ((context as { renderMeta?: { streamCache?: Record<number, unknown> } }).renderMeta ??= {});
  renderMeta.streamCache = { 0: { result: { done: false, value: text } }, 1: { result: { done: true, value: "" } } };
}

/** Left unreleased once read to the end: releasing the reader builds an error (with its stack) for reads that cannot be pending. */
async function readWhole(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
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
