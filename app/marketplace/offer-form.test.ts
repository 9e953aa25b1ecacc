import { describe, expect, it } from "vitest";
import {
  daysInWindow,
  isCalendarDate,
  normaliseCsvDate,
  offerListStatus,
  parseOfferFields,
  professionFromText,
  publishFromText,
  splitYearsOfStudy,
  supervisionModelFromText,
  offerStartProblem,
} from "./offer-form";

const valid = {
  siteId: "site-1",
  profession: "PT",
  specialty: "MSK",
  startDate: "2027-01-04",
  endDate: "2027-02-26",
  slots: "3",
  supervisionModel: "ONE_TO_ONE",
  yearsOfStudy: ["3", "2"],
  notes: "Bring a uniform",
};

function errorsOf(values: Record<string, string | string[] | undefined>) {
  const result = parseOfferFields(values);
  if (result.ok) throw new Error("expected the offer to be refused");
  return result.errors;
}

describe("parseOfferFields", () => {
  it("accepts a complete offer and normalises its values", () => {
    expect(parseOfferFields(valid)).toEqual({
      ok: true,
      value: { ...valid, slots: 3, yearsOfStudy: [2, 3] },
    });
  });

  it("treats empty optional fields as not given and no year as any year", () => {
    const result = parseOfferFields({ ...valid, specialty: "", notes: "  ", yearsOfStudy: undefined });
    expect(result).toMatchObject({ ok: true, value: { yearsOfStudy: [] } });
    if (result.ok) {
      expect(result.value.specialty).toBeUndefined();
      expect(result.value.notes).toBeFalsy();
    }
  });

  it("names every missing field", () => {
    const errors = errorsOf({});
    expect(Object.keys(errors).sort()).toEqual(["endDate", "profession", "siteId", "slots", "startDate", "supervisionModel"]);
    expect(errors.slots).toEqual(["Enter the number of slots"]);
  });

  it.each([
    ["0", "Offer at least 1 slot"],
    ["51", "Offer at most 50 slots: post a second offer for more"],
    ["2.5", "Enter the number of slots as a whole number, like 2"],
    ["two", "Enter the number of slots as a whole number, like 2"],
  ])("refuses %s slots", (slots, message) => {
    expect(errorsOf({ ...valid, slots }).slots).toEqual([message]);
  });

  it("refuses an end date on or before the start date", () => {
    expect(errorsOf({ ...valid, endDate: "2027-01-03" }).endDate).toEqual(["The end date must be after the start date"]);
    expect(errorsOf({ ...valid, endDate: "2027-01-04" }).endDate).toEqual(["The end date must be after the start date"]);
  });

  it("reports a bad window even while other fields are wrong too", () => {
    const errors = errorsOf({ ...valid, slots: "0", endDate: "2027-01-01" });
    expect(errors.slots).toEqual(["Offer at least 1 slot"]);
    expect(errors.endDate).toEqual(["The end date must be after the start date"]);
  });

  it("allows a window of exactly 52 weeks and no more", () => {
    expect(parseOfferFields({ ...valid, startDate: "2026-09-07", endDate: "2027-09-05" }).ok).toBe(true);
    expect(errorsOf({ ...valid, startDate: "2026-09-07", endDate: "2027-09-06" }).endDate).toEqual([
      "An offer's window can be at most 52 weeks",
    ]);
  });

  it("refuses dates that are not real calendar days", () => {
    expect(errorsOf({ ...valid, startDate: "2027-02-30" }).startDate).toEqual(["Enter a real date, like 2027-01-04"]);
    expect(errorsOf({ ...valid, endDate: "26/02/2027" }).endDate).toEqual(["Enter a real date, like 2027-01-04"]);
  });

  it("refuses long text, unknown choices and years outside 1–4", () => {
    const errors = errorsOf({
      ...valid,
      specialty: "x".repeat(81),
      notes: "y".repeat(2001),
      profession: "NURSING",
      supervisionModel: "SOLO",
      yearsOfStudy: ["5"],
    });
    expect(errors.specialty).toEqual(["Use 80 characters or fewer for the specialty"]);
    expect(errors.notes).toEqual(["Use 2000 characters or fewer for the notes"]);
    expect(errors.profession).toEqual(["Choose the profession"]);
    expect(errors.supervisionModel).toEqual(["Choose the supervision model"]);
    expect(errors["yearsOfStudy[0]"]).toEqual(["Years of study are 1, 2, 3 or 4"]);
  });

  it("accepts 80 characters of specialty and 2000 of notes", () => {
    expect(parseOfferFields({ ...valid, specialty: "x".repeat(80), notes: "y".repeat(2000) }).ok).toBe(true);
  });

  it("keeps a formula-looking note as plain text", () => {
    const result = parseOfferFields({ ...valid, notes: "=cmd|' /C calc'!A0" });
    expect(result).toMatchObject({ ok: true, value: { notes: "=cmd|' /C calc'!A0" } });
  });
});

describe("CSV cell readers", () => {
  it("reads professions by code or name in any case", () => {
    expect(professionFromText("PT")).toBe("PT");
    expect(professionFromText("slt")).toBe("SLT");
    expect(professionFromText("Occupational Therapy")).toBe("OT");
    expect(professionFromText("Speech and language therapy")).toBe("SLT");
    expect(professionFromText("Nursing")).toBeNull();
    expect(professionFromText("")).toBeNull();
  });

  it("reads supervision models by code or label", () => {
    expect(supervisionModelFromText("ONE_TO_ONE")).toBe("ONE_TO_ONE");
    expect(supervisionModelFromText("1:1")).toBe("ONE_TO_ONE");
    expect(supervisionModelFromText("2:1")).toBe("TWO_TO_ONE");
    expect(supervisionModelFromText("Peer-assisted / long-arm")).toBe("PEER_ASSISTED");
    expect(supervisionModelFromText("peer assisted")).toBe("PEER_ASSISTED");
    expect(supervisionModelFromText("role emerging")).toBe("ROLE_EMERGING");
    expect(supervisionModelFromText("virtual")).toBe("VIRTUAL");
    expect(supervisionModelFromText("3:1")).toBeNull();
  });

  it("splits years of study on semicolons, commas or spaces", () => {
    expect(splitYearsOfStudy("2;3")).toEqual(["2", "3"]);
    expect(splitYearsOfStudy("1, 2 ,4")).toEqual(["1", "2", "4"]);
    expect(splitYearsOfStudy("")).toEqual([]);
  });

  it("reads ISO and UK spreadsheet dates", () => {
    expect(normaliseCsvDate("2027-01-04")).toBe("2027-01-04");
    expect(normaliseCsvDate("4/1/2027")).toBe("2027-01-04");
    expect(normaliseCsvDate("04/01/2027")).toBe("2027-01-04");
    expect(normaliseCsvDate("Jan 4")).toBe("Jan 4");
  });

  it("reads publish as yes or no, empty meaning no", () => {
    expect(publishFromText("yes")).toBe(true);
    expect(publishFromText("Y")).toBe(true);
    expect(publishFromText("no")).toBe(false);
    expect(publishFromText("")).toBe(false);
    expect(publishFromText("maybe")).toBeNull();
  });
});

describe("offer helpers", () => {
  it("derives filled from a published offer with every slot taken", () => {
    expect(offerListStatus({ status: "PUBLISHED", slots: 2, slotsTaken: 2 })).toBe("filled");
    expect(offerListStatus({ status: "PUBLISHED", slots: 2, slotsTaken: 1 })).toBe("published");
    expect(offerListStatus({ status: "DRAFT", slots: 2, slotsTaken: 0 })).toBe("draft");
    expect(offerListStatus({ status: "WITHDRAWN", slots: 2, slotsTaken: 0 })).toBe("withdrawn");
  });

  it("counts inclusive days and checks calendar dates", () => {
    expect(daysInWindow("2027-01-04", "2027-01-10")).toBe(7);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
  });
});

describe("offerStartProblem", () => {
  const now = new Date("2026-11-30T15:00:00Z");
  it("accepts today and the next two years", () => {
    expect(offerStartProblem("2026-11-30", now)).toBeNull();
    expect(offerStartProblem("2028-09-04", now)).toBeNull();
  });
  it("refuses a start in the past or too far ahead", () => {
    expect(offerStartProblem("2020-01-06", now)).toMatch(/in the past/);
    expect(offerStartProblem("2026-11-29", now)).toMatch(/in the past/);
    expect(offerStartProblem("2029-01-08", now)).toMatch(/at most two years/);
  });
});
