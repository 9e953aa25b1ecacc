import { describe, expect, it } from "vitest";
import { cleanFormData, cleanSearchParams, hasControlCharacters, withoutControlCharacters } from "./control-characters";

describe("control characters", () => {
  it("drops NUL and other C0 controls but keeps tab and line breaks", () => {
    expect(withoutControlCharacters("a\u0000b\u0007c\u001Fd\u007Fe")).toBe("abcde");
    expect(withoutControlCharacters("line one\r\nline\ttwo")).toBe("line one\r\nline\ttwo");
    expect(withoutControlCharacters("Physiotherapy – Bristol £5 ✓")).toBe("Physiotherapy – Bristol £5 ✓");
  });

  it("says whether text holds any", () => {
    expect(hasControlCharacters("fine\n")).toBe(false);
    expect(hasControlCharacters("x\u0000")).toBe(true);
  });

  it("cleans every text value of a form and keeps files", () => {
    const form = new FormData();
    form.append("note", "hello\u0000world");
    form.append("ids", "a");
    form.append("ids", "b\u0000");
    const file = new File(["x\u0000y"], "data.csv");
    form.append("file", file);
    const cleaned = cleanFormData(form);
    expect(cleaned.get("note")).toBe("helloworld");
    expect(cleaned.getAll("ids")).toEqual(["a", "b"]);
    expect(cleaned.get("file")).toBeInstanceOf(File);
    expect((cleaned.get("file") as File).name).toBe("data.csv");
  });

  it("cleans search parameters", () => {
    expect(cleanSearchParams(new URLSearchParams("q=%00abc&page=2")).toString()).toBe("q=abc&page=2");
  });
});
