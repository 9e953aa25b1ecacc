import { describe, expect, it } from "vitest";
import { fitLabel, fitLabelAnew, labelStride, linearScale, MAX_FITTED_LABELS, niceTicks, textWidth } from "./layout";

describe("chart layout", () => {
  it("estimates wide letters wider than narrow ones, and bold wider than regular", () => {
    expect(textWidth("WWW", 12)).toBeGreaterThan(textWidth("iii", 12) * 2);
    expect(textWidth("Trust", 12, true)).toBeGreaterThan(textWidth("Trust", 12));
    expect(textWidth("", 12)).toBe(0);
  });

  it("keeps a label that fits as it is", () => {
    expect(fitLabel("Dietetics", 100, 11, 2)).toEqual({ lines: ["Dietetics"], truncated: false });
  });

  it("wraps a long name onto a second line, then cuts it with an ellipsis", () => {
    const wrapped = fitLabel("Speech and language therapy", 104, 11, 2);
    expect(wrapped.lines).toHaveLength(2);
    expect(wrapped.lines.join(" ")).toBe("Speech and language therapy");
    expect(wrapped.truncated).toBe(false);

    const cut = fitLabel("University of North London Health Sciences", 104, 11, 2);
    expect(cut.lines).toHaveLength(2);
    expect(cut.lines[1].endsWith("…")).toBe(true);
    expect(cut.truncated).toBe(true);
    for (const line of cut.lines) expect(textWidth(line, 11)).toBeLessThanOrEqual(104);
  });

  it("cuts a single word too long for the line", () => {
    const cut = fitLabel("Physiotherapy", 40, 11, 2);
    expect(cut.lines).toHaveLength(1);
    expect(cut.lines[0].endsWith("…")).toBe(true);
    expect(textWidth(cut.lines[0], 11)).toBeLessThanOrEqual(40);
  });

  it("maps values onto pixels, holding them inside the range", () => {
    const y = linearScale(200, 180, 20);
    expect([y(0), y(100), y(200), y(300), y(-5)]).toEqual([180, 100, 20, 20, 180]);
    expect(linearScale(0, 0, 10)(0)).toBe(0);
  });

  it("picks whole-number ticks in steps of 1, 2 or 5 reaching the maximum", () => {
    expect(niceTicks(248)).toEqual([0, 100, 200, 300]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(1)).toEqual([0, 1]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(100, 2)).toEqual([0, 50, 100]);
  });

  it("shows every n-th label so that none reaches the next", () => {
    expect(labelStride(["Sep", "Oct"], 36, 11)).toBe(1);
    expect(labelStride(["31 Aug", "7 Sep"], 8.5, 11)).toBeGreaterThanOrEqual(5);
  });
});

describe("fitLabel kept per label and size", () => {
  it("fits as worked out anew, asked again, past the labels it keeps, and hands each caller its own lines", () => {
    const names = Array.from({ length: MAX_FITTED_LABELS + 50 }, (_, index) => `Royal ${["Riverside", "Moorland", "St Ann's"][index % 3]} NHS Foundation Trust ${index}`);
    for (let round = 0; round < 2; round++) {
      for (const [index, name] of names.entries()) {
        const width = 60 + (index % 5) * 40;
        expect(fitLabel(name, width, 11, 1 + (index % 2), index % 3 === 0)).toEqual(fitLabelAnew(name, width, 11, 1 + (index % 2), index % 3 === 0));
      }
    }
    const first = fitLabel("Speech and language therapy", 104, 11, 2);
    first.lines.push("changed");
    expect(fitLabel("Speech and language therapy", 104, 11, 2)).toEqual(fitLabelAnew("Speech and language therapy", 104, 11, 2));
  });
});
