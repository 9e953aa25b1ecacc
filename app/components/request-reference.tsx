import { createContext, useContext } from "react";

const META_NAME = "request-reference";

/**
 * The reference of the request that rendered this document. The server provides it; in the browser
 * it is read back from the document's meta tag, so hydration shows the same text.
 */
const RequestReferenceContext = createContext<string | undefined>(
  typeof document === "undefined"
    ? undefined
    : (document.querySelector(`meta[name="${META_NAME}"]`)?.getAttribute("content") ?? undefined),
);
export const RequestReferenceProvider = RequestReferenceContext.Provider;
export const useRequestReference = () => useContext(RequestReferenceContext);

export function RequestReferenceMeta() {
  const reference = useRequestReference();
  return reference ? <meta name={META_NAME} content={reference} /> : null;
}
