declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
    /** Names this request in the log; a failure page shows it so support can find the log line. */
    requestReference: string;
    /** Set by a host that sends a rendered page's buffer itself (`renderedDocumentOf`): the page's Response then carries no body. */
    sendsRenderedDocument?: boolean;
  }
}

export {};
