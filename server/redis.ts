import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import type { Server } from "socket.io";
import { shareRateLimitsThroughRedis } from "~/accounts/rate-limit.server";
import { getLogger } from "~/platform/logger.server";

/** Events emitted on one node reach sockets on every node; rate limits are shared too. */
export async function attachRedisAdapter(io: Server, url: string): Promise<() => Promise<void>> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) {
    client.on("error", (err) => getLogger().warn({ err }, "redis connection problem"));
  }
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub));
  // Commands fail at once while Redis is away (no offline queue), so rate limits fall back to
  // memory instead of making sign-in wait for Redis to come back.
  const limits = pub.duplicate({ disableOfflineQueue: true });
  limits.on("error", () => {});
  await limits.connect();
  shareRateLimitsThroughRedis(limits);
  return async () => {
    await Promise.allSettled([pub.quit(), sub.quit(), limits.quit()]);
  };
}
