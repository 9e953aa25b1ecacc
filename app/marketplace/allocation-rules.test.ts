import { describe, expect, it } from "vitest";
import { describePlaces } from "./allocation-rules";

describe("describePlaces", () => {
  it("says what is free and what proposals hold", () => {
    expect(describePlaces(6, 3, 2)).toEqual({ free: 3, label: "3 free · 2 held by proposals" });
    expect(describePlaces(4, 4, 1)).toEqual({ free: 0, label: "Full · 1 held by a proposal" });
    expect(describePlaces(4, 1, 0)).toEqual({ free: 3, label: "3 free" });
    expect(describePlaces(2, 5, 0)).toEqual({ free: 0, label: "Full" });
  });
});
