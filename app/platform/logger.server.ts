import pino from "pino";

const holder = globalThis as typeof globalThis & { __placementExchangeLogger?: pino.Logger };

export function getLogger(): pino.Logger {
  holder.__placementExchangeLogger ??= pino({
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
    base: { pid: process.pid },
    redact: ["req.headers.cookie", "*.password", "*.passwordHash", "*.token"],
  });
  return holder.__placementExchangeLogger;
}
