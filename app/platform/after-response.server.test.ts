import { describe, expect, it } from "vitest";
import { runAfterResponse, settleAfterResponse } from "./after-response.server";

describe("runAfterResponse", () => {
  it("runs the work after the caller has moved on, and settle waits for it", async () => {
    const order: string[] = [];
    runAfterResponse("test work", async () => {
      order.push("work");
    });
    order.push("caller");
    await settleAfterResponse();
    expect(order).toEqual(["caller", "work"]);
  });

  it("logs a failure instead of rejecting, so nothing is left unhandled", async () => {
    const unhandled: unknown[] = [];
    const listen = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", listen);
    try {
      runAfterResponse("failing work", async () => {
        throw new Error("socket server gone");
      });
      await settleAfterResponse();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", listen);
    }
  });
});
