import { describe, expect, it } from "vitest";
import { handshakeOriginAllowed } from "./socket";

const handshake = (headers: { origin?: string; host?: string }) => ({ headers });

describe("which pages may open a live socket", () => {
  const portalAddress = ["http://localhost:3000"];

  it("lets the portal's own pages in, at its configured address or at the address they were served from", () => {
    expect(handshakeOriginAllowed(handshake({ origin: "http://localhost:3000", host: "localhost:3000" }), portalAddress)).toBe(true);
    expect(handshakeOriginAllowed(handshake({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }), portalAddress)).toBe(true);
    expect(handshakeOriginAllowed(handshake({ origin: "https://portal.nhs.example", host: "portal.nhs.example" }), [])).toBe(true);
    expect(handshakeOriginAllowed(handshake({ origin: "http://localhost:3000", host: "10.0.0.5:3000" }), portalAddress)).toBe(true);
  });

  it("refuses another site's page, a page of another port, and a handshake that does not say where it comes from", () => {
    expect(handshakeOriginAllowed(handshake({ origin: "https://evil.example", host: "localhost:3000" }), portalAddress)).toBe(false);
    expect(handshakeOriginAllowed(handshake({ origin: "http://localhost:4000", host: "localhost:3000" }), portalAddress)).toBe(false);
    expect(handshakeOriginAllowed(handshake({ origin: "http://127.0.0.1:3000" }), portalAddress)).toBe(false);
    expect(handshakeOriginAllowed(handshake({ host: "localhost:3000" }), portalAddress)).toBe(false);
    expect(handshakeOriginAllowed(handshake({ origin: "null", host: "localhost:3000" }), [])).toBe(false);
  });
});
