const holder = globalThis as typeof globalThis & { __placementExchangeRenderedDocuments?: WeakMap<Response, Buffer> };

function renderedDocuments(): WeakMap<Response, Buffer> {
  // On globalThis: the server build (which renders) and the process that hosts it (which sends) load this module separately.
  holder.__placementExchangeRenderedDocuments ??= new WeakMap();
  return holder.__placementExchangeRenderedDocuments;
}

/**
 * A page rendered whole into one buffer. Our host sends the buffer itself (`renderedDocumentOf`) instead of
 * reading it back through a web stream, and so asks for a Response without a body; for any other host (the
 * development server, a test calling the handler) the Response carries the page as its body.
 */
export function documentResponse(body: Buffer, init: ResponseInit, { withBody }: { withBody: boolean }): Response {
  const response = new Response(withBody ? (body as Uint8Array<ArrayBuffer>) : null, init);
  renderedDocuments().set(response, body);
  return response;
}

/** The buffer a response was made from by `documentResponse`, if it was. */
export function renderedDocumentOf(response: Response): Buffer | undefined {
  return renderedDocuments().get(response);
}

/**
 * The loaders' data as the encoder kept it whole, when nothing was deferred (the turbo-stream edit in
 * scripts/patch-dependencies.mjs puts it on the stream as `wholeText`); undefined otherwise.
 */
export function wholeEncodedText(stream: ReadableStream<Uint8Array> | null | undefined): string | undefined {
  const text = (stream as { wholeText?: unknown } | null | undefined)?.wholeText;
  return typeof text === "string" ? text : undefined;
}
