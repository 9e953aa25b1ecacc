import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cspNonce, securityHeaders } from "./security";

// The production policy: scripts run only with the nonce of their own response.
const app = express();
app.use(cspNonce);
app.use(securityHeaders({ development: false }));
app.get("/page", (_req, res) => void res.send(`<script nonce="${res.locals.cspNonce as string}"></script>`));
let base = "";
let close = () => {};

beforeAll(async () => {
  const listening = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => listening.once("listening", resolve));
  base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  close = () => listening.close();
});
afterAll(() => close());

describe("the content security policy in production", () => {
  it("names a fresh 128-bit nonce for every response, the one its page's scripts carry", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const response = await fetch(`${base}/page`);
      const policy = response.headers.get("content-security-policy") ?? "";
      expect(policy).not.toMatch(/script-src [^;]*unsafe-inline/);
      const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/]{22}==)'/.exec(policy)?.[1];
      expect(nonce, policy).toBeDefined();
      expect(await response.text()).toBe(`<script nonce="${nonce}"></script>`);
      nonces.add(nonce!);
    }
    expect(nonces.size).toBe(50);
  });
});
