import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll } from "vitest";

const holder = globalThis as typeof globalThis & { __placementExchangeLogger?: pino.Logger };

/**
 * For a test file: the portal's log lines go to a string the tests can read, from before the
 * file's tests (call it before starting the portal) until after them, when the logger is put back.
 */
export function useCapturedLog(): { readonly text: string } {
  let logged = "";
  let previousLogger: pino.Logger | undefined;
  beforeAll(() => {
    previousLogger = holder.__placementExchangeLogger;
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged += String(chunk);
        done();
      },
    });
    holder.__placementExchangeLogger = pino({ level: "info" }, sink);
  });
  afterAll(() => {
    holder.__placementExchangeLogger = previousLogger;
  });
  return {
    get text() {
      return logged;
    },
  };
}
