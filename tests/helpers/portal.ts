import { afterAll, beforeAll } from "vitest";
import type { Database } from "~/platform/db/db.server";
import { parseEnv } from "~/platform/env.server";
import { createPortalServer, type PortalServer } from "../../server/app";

/**
 * The portal in this process on a free port, for the test file or describe block it is called in,
 * over the test database; closed afterwards. Call it before hooks that must close things first.
 */
export function usePortalServer(database: { current: Database }): { portal: PortalServer; base: string } {
  const server = {} as { portal: PortalServer; base: string };
  beforeAll(async () => {
    server.portal = await createPortalServer({ env: parseEnv({ NODE_ENV: "test" }), database: database.current, build: "vite" });
    server.base = `http://127.0.0.1:${await server.portal.listen(0, "127.0.0.1")}`;
  }, 60_000);
  afterAll(async () => {
    await server.portal?.close();
  });
  return server;
}
