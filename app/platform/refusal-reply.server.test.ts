import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Refusal } from "./refusal";
import { refusalReply } from "./refusal-reply.server";

const submission = () => {
  const form = new FormData();
  form.set("email", "ann@example.test");
  return parseWithZod(form, { schema: z.object({ email: z.string() }) });
};

describe("refusalReply", () => {
  it("answers a form with the message next to the refused field and the refusal's status", () => {
    const reply = refusalReply(new Refusal(409, "Already taken", "email"), submission(), { intent: "invite" });
    expect(reply.init?.status).toBe(409);
    expect(reply.data.intent).toBe("invite");
    expect(reply.data.result.error).toEqual({ email: ["Already taken"] });
  });

  it("shows a refusal without a field, or of a field the form does not show, above the form", () => {
    expect(refusalReply(new Refusal(403, "Not yours"), submission()).data.result.error).toEqual({ "": ["Not yours"] });
    const other = refusalReply(new Refusal(400, "Wrong role", "role"), submission(), {}, { fields: ["email"] });
    expect(other.data.result.error).toEqual({ "": ["Wrong role"] });
  });

  it("answers in a page's own shape", () => {
    const reply = refusalReply(new Refusal(409, "Full", "students"), (refusal) => ({ error: refusal.message, field: refusal.field }));
    expect(reply.init?.status).toBe(409);
    expect(reply.data).toEqual({ error: "Full", field: "students" });
  });

  it("gives a 4xx Response where there is no form", async () => {
    const response = refusalReply(new Refusal(404, "Case not found"));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("Case not found");
  });

  it("throws the not-found page when the page's own record is gone", () => {
    let thrown: unknown;
    try {
      refusalReply(new Refusal(404, "Offer not found"), submission(), {}, { notFoundIsPage: true });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
    expect(refusalReply(new Refusal(404, "No such site", "siteId"), submission(), {}, { notFoundIsPage: true }).init?.status).toBe(404);
  });

  it("rethrows anything that is not a refusal", () => {
    const fault = new Error("database down");
    expect(() => refusalReply(fault)).toThrow(fault);
    expect(() => refusalReply(fault, submission())).toThrow(fault);
    expect(() => refusalReply(fault, () => ({}))).toThrow(fault);
  });
});
