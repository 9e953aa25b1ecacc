import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  hasAtMostTwoDecimals,
  invitableRoles,
  inviteToOrganisationSchema,
  normalisePostcode,
  OrganisationFormSchema,
  parseOrganisationFilters,
  SiteFormSchema,
  WorkforceFormSchema,
} from "./organisation-forms";

function formData(values: Record<string, string>) {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) form.set(key, value);
  return form;
}

function errorsOf(schema: z.ZodTypeAny, values: Record<string, string>): Record<string, string[]> {
  const submission = parseWithZod(formData(values), { schema });
  return submission.status === "success" ? {} : ((submission.error ?? {}) as Record<string, string[]>);
}

describe("postcodes", () => {
  it.each([
    ["sw1a1aa", "SW1A 1AA"],
    ["  ls1  4ap ", "LS1 4AP"],
    ["M1 1AE", "M1 1AE"],
    ["B33 8TH", "B33 8TH"],
    ["CR2 6XH", "CR2 6XH"],
    ["DN55 1PT", "DN55 1PT"],
    ["W1A 0AX", "W1A 0AX"],
    ["EC1A 1BB", "EC1A 1BB"],
    ["GIR 0AA", "GIR 0AA"],
  ])("accepts %j as %s", (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected);
  });

  it.each(["", "12345", "SW1A", "SW1A 1A", "QX1 1AA", "LS1 4CI", "LS1 4AP X", "not a postcode", "90210"])("refuses %j", (input) => {
    expect(normalisePostcode(input)).toBeNull();
  });
});

describe("numbers and years", () => {
  it("allows at most two decimal places", () => {
    expect([0, 12, 12.5, 12.75, 0.01, 1234.56].every(hasAtMostTwoDecimals)).toBe(true);
    expect([12.755, 0.001, 1 / 3].some(hasAtMostTwoDecimals)).toBe(false);
  });
});

describe("OrganisationFormSchema", () => {
  const valid = { name: " Leeds Teaching Hospitals ", kind: "PROVIDER", providerType: "NHS_TRUST", code: "rr8", regionId: "region" };

  it("trims the name and upper-cases the code", () => {
    const submission = parseWithZod(formData(valid), { schema: OrganisationFormSchema });
    expect(submission.status === "success" && submission.value).toEqual({
      name: "Leeds Teaching Hospitals",
      kind: "PROVIDER",
      providerType: "NHS_TRUST",
      code: "RR8",
      regionId: "region",
    });
  });

  it("requires a provider type for a provider and forbids one for a university", () => {
    expect(errorsOf(OrganisationFormSchema, { ...valid, providerType: "" })).toEqual({ providerType: ["Choose the provider type"] });
    expect(errorsOf(OrganisationFormSchema, { ...valid, kind: "UNIVERSITY" })).toEqual({
      providerType: ["A university has no provider type: leave it empty"],
    });
    expect(errorsOf(OrganisationFormSchema, { ...valid, kind: "UNIVERSITY", providerType: "" })).toEqual({});
  });

  it("names each bad field", () => {
    const errors = errorsOf(OrganisationFormSchema, { name: "  ", kind: "HOSPITAL", providerType: "NHS", code: "R-8", regionId: "" });
    expect(Object.keys(errors).sort()).toEqual(["code", "kind", "name", "providerType", "regionId"]);
    expect(errors.code?.[0]).toMatch(/3 to 10 letters and numbers/);
  });
});

describe("SiteFormSchema", () => {
  it("normalises the postcode and reads coordinates as numbers", () => {
    const submission = parseWithZod(formData({ name: "St James's", postcode: "ls97tf", latitude: "53.8065", longitude: "-1.5197" }), {
      schema: SiteFormSchema,
    });
    expect(submission.status === "success" && submission.value).toEqual({
      name: "St James's",
      postcode: "LS9 7TF",
      latitude: 53.8065,
      longitude: -1.5197,
    });
  });

  it.each([
    [{ latitude: "91" }, "latitude", "The latitude must be between -90 and 90"],
    [{ latitude: "-90.5" }, "latitude", "The latitude must be between -90 and 90"],
    [{ longitude: "180.1" }, "longitude", "The longitude must be between -180 and 180"],
    [{ latitude: "north" }, "latitude", "Enter the latitude as a number, like 51.5074"],
    [{ longitude: "" }, "longitude", "Enter the longitude"],
    [{ postcode: "ABC 123" }, "postcode", "Enter a UK postcode, like LS1 4AP"],
  ])("refuses %j", (change, field, message) => {
    const errors = errorsOf(SiteFormSchema, { name: "Site", postcode: "LS9 7TF", latitude: "53.8", longitude: "-1.5", ...change });
    expect(errors).toEqual({ [field]: [message] });
  });
});

describe("WorkforceFormSchema", () => {
  it.each([
    [{ wte: "-1" }, "wte", "The WTE cannot be negative"],
    [{ wte: "1.234" }, "wte", "Use at most 2 decimal places, like 12.75"],
    [{ wte: "lots" }, "wte", "Enter the WTE as a number, like 12.5"],
    [{ year: "1999" }, "year", "Enter a year from 2000 to 2100"],
    [{ year: "2101" }, "year", "Enter a year from 2000 to 2100"],
    [{ year: "2026.5" }, "year", "Enter the year the academic year starts, like 2026"],
    [{ profession: "NURSE" }, "profession", "Choose the profession"],
  ])("refuses %j", (change, field, message) => {
    expect(errorsOf(WorkforceFormSchema, { profession: "PT", year: "2026", wte: "12.5", ...change })).toEqual({ [field]: [message] });
  });

  it("accepts zero and two decimal places", () => {
    expect(errorsOf(WorkforceFormSchema, { profession: "SLT", year: "2000", wte: "0" })).toEqual({});
    expect(errorsOf(WorkforceFormSchema, { profession: "SLT", year: "2100", wte: "12.75" })).toEqual({});
  });
});

describe("invitations to an organisation", () => {
  it("offers only the roles that belong to its kind", () => {
    expect(invitableRoles("PROVIDER")).toEqual(["EDUCATOR"]);
    expect(invitableRoles("UNIVERSITY")).toEqual(["UNIVERSITY", "STUDENT"]);
    const values = { email: "Someone@Example.test", name: "Some One" };
    expect(errorsOf(inviteToOrganisationSchema("UNIVERSITY"), { ...values, role: "EDUCATOR" })).toEqual({
      role: ["Choose a role for a university"],
    });
    const submission = parseWithZod(formData({ ...values, role: "STUDENT" }), { schema: inviteToOrganisationSchema("UNIVERSITY") });
    expect(submission.status === "success" && submission.value.email).toBe("someone@example.test");
  });
});

describe("list filters", () => {
  it("reads good values and drops bad ones instead of failing", () => {
    expect(parseOrganisationFilters(new URLSearchParams("q=+leeds+&kind=PROVIDER&regionId=r1&page=3"))).toEqual({
      q: "leeds",
      kind: "PROVIDER",
      regionId: "r1",
      page: 3,
    });
    expect(parseOrganisationFilters(new URLSearchParams("q=&kind=HOSPITAL&page=-2"))).toEqual({
      q: undefined,
      kind: undefined,
      regionId: undefined,
      page: undefined,
    });
  });
});
