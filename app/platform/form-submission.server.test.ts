import { describe, expect, it } from "vitest";
import { z } from "zod";
import { assertFormShape, FORM_LIMITS, parseSubmission, schemaFieldNames } from "./form-submission.server";

function formOf(entries: [string, string][]) {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
}

async function statusOf(run: () => void): Promise<number | null> {
  try {
    run();
    return null;
  } catch (thrown) {
    return thrown instanceof Response ? thrown.status : -1;
  }
}

describe("form shape limits", () => {
  it("lets an ordinary form through", async () => {
    expect(await statusOf(() => assertFormShape(formOf([["email", "a@b.co"], ["items[0].name", "x"]])))).toBeNull();
  });

  it("answers 413 past the field limit and 400 for a deeply nested name", async () => {
    const many = formOf(Array.from({ length: FORM_LIMITS.maxFields + 1 }, (_, i) => [`f${i}`, "1"] as [string, string]));
    expect(await statusOf(() => assertFormShape(many))).toBe(413);
    expect(await statusOf(() => assertFormShape(formOf([[`a${"[a]".repeat(30_000)}`, "1"]])))).toBe(400);
  });
});

describe("parsing only the schema's fields", () => {
  const Schema = z
    .object({ email: z.string().email(), password: z.string().min(1) })
    .refine((value) => value.password !== value.email, { message: "differ", path: ["password"] });

  it("reads field names through refinements", () => {
    expect(schemaFieldNames(Schema)).toEqual(["email", "password"]);
  });

  it("echoes nothing the schema does not know", () => {
    const submission = parseSubmission(formOf([["email", "not-an-email"], ["password", "x"], ["smuggled", "marker"]]), Schema);
    expect(submission.status).toBe("error");
    expect(JSON.stringify(submission.reply({ hideFields: ["password"] }))).not.toContain("marker");
  });
});
