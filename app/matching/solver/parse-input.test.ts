import { describe, expect, it } from "vitest";
import { isoDateToDay, MatchingInputError, parseMatchingInput } from "./parse-input";
import { smallMatchingDocument } from "../../../tests/helpers/matching-document";

type Document = ReturnType<typeof smallMatchingDocument>;

function rejection(change: (document: Document) => unknown): string {
  const document = smallMatchingDocument();
  const changed = change(document) ?? document;
  try {
    parseMatchingInput(changed);
  } catch (error) {
    expect(error).toBeInstanceOf(MatchingInputError);
    const message = (error as Error).message;
    expect(message).not.toContain("\n");
    return message;
  }
  throw new Error("the document was accepted");
}

describe("parseMatchingInput rejects malformed documents with one line naming the record", () => {
  it.each([
    ["an offer of an unknown provider", (d: Document) => void (d.offers[0].providerId = "P9"), 'offer "O1": providerId "P9" is not a known provider'],
    ["an offer at a site of no provider", (d: Document) => void (d.offers[0].siteId = "S9"), 'offer "O1": siteId "S9" is not a site of provider "P1"'],
    ["a negative capacity", (d: Document) => void (d.offers[0].capacity = -2), 'offer "O1": capacity must not be negative (got -2)'],
    ["a fractional capacity", (d: Document) => void (d.offers[0].capacity = 1.5), 'offer "O1": capacity must be a whole number (got 1.5)'],
    ["an offer ending before it starts", (d: Document) => void (d.offers[0].end = "2027-01-01"), 'offer "O1": end 2027-01-01 is before start 2027-01-04'],
    [
      "a request ending before it starts",
      (d: Document) => void (d.requests[0].end = "2027-01-10"),
      'request "R1": end 2027-01-10 is before start 2027-01-11',
    ],
    ["an impossible date", (d: Document) => void (d.requests[0].start = "2027-02-30"), 'request "R1": start must be a real date of the form YYYY-MM-DD (got "2027-02-30")'],
    ["a date in another format", (d: Document) => void (d.offers[0].start = "04/01/2027"), 'offer "O1": start must be a real date of the form YYYY-MM-DD (got "04/01/2027")'],
    ["a duplicate offer id", (d: Document) => void d.offers.push({ ...d.offers[0] }), 'duplicate offer id "O1" (offers[0] and offers[1])'],
    ["a duplicate request id", (d: Document) => void d.requests.push({ ...d.requests[0] }), 'duplicate request id "R1" (requests[0] and requests[1])'],
    ["a duplicate provider id", (d: Document) => void d.providers.push({ ...d.providers[0] }), 'duplicate provider id "P1" (providers[0] and providers[1])'],
    [
      "a duplicate site within a provider",
      (d: Document) => void d.providers[0].sites.push({ id: "S1", lat: 51, lon: 0 }),
      'provider "P1": duplicate site id "S1"',
    ],
    ["a missing field", (d: Document) => void delete (d.offers[0] as Partial<Document["offers"][0]>).providerId, 'offer "O1": providerId is missing'],
    ["a record without an id", (d: Document) => void delete (d.requests[0] as Partial<Document["requests"][0]>).id, "requests[0]: id is missing"],
    ["a negative student count", (d: Document) => void (d.requests[0].students = -1), 'request "R1": students must not be negative (got -1)'],
    ["a year of study of zero", (d: Document) => void (d.requests[0].year = 0), 'request "R1": year must be at least 1 (got 0)'],
    ["a latitude out of range", (d: Document) => void (d.requests[0].origin.lat = 123), 'request "R1": origin.lat must be between -90 and 90 (got 123)'],
    ["a negative travel limit", (d: Document) => void (d.requests[0].maxTravelMinutes = -5), 'request "R1": maxTravelMinutes must not be negative (got -5)'],
    ["taken above capacity", (d: Document) => void Object.assign(d.offers[0], { taken: 3 }), 'offer "O1": taken 3 exceeds capacity 2'],
    ["an empty list of years", (d: Document) => void (d.offers[0].years = []), 'offer "O1": years must list at least one year (omit it for all years) (got [])'],
    ["a site with lat but no lon", (d: Document) => void (d.providers[0].sites[0] = { id: "S1", lat: 51 } as never), 'provider "P1" site "S1": give both lat and lon, or neither'],
    ["a negative workforce", (d: Document) => void (d.providers[0].workforce.PT = -1), 'provider "P1": workforce.PT must not be negative (got -1)'],
    ["a missing list", (d: Document) => void delete (d as Partial<Document>).offers, "input: offers is missing"],
    ["a list of the wrong type", (d: Document) => ({ ...d, requests: {} }), "input: requests must be an array (got {})"],
    ["a document that is not an object", () => [], "input: must be a JSON object with providers, offers and requests (got [])"],
  ])("%s", (_label, change, message) => {
    expect(rejection(change)).toBe(message);
  });
});

describe("parseMatchingInput accepts the documented format", () => {
  it("ignores extra fields and fills defaults for optional ones", () => {
    const parsed = parseMatchingInput({
      providers: [{ id: "P1", sites: [{ id: "S1" }], note: "extra" }],
      offers: [{ id: "O1", providerId: "P1", siteId: "S1", profession: "OT", start: "2027-01-04", end: "2027-01-04", capacity: 1, colour: "red" }],
      requests: [{ id: "R1", universityId: "U1", profession: "OT", year: 1, start: "2027-01-04", end: "2027-01-04", students: 0, extra: true }],
      comment: "top-level extras are ignored too",
    });
    expect(parsed.providers).toEqual([{ id: "P1", workforce: {}, sites: [{ id: "S1", location: null }] }]);
    expect(parsed.offers[0]).toEqual({
      id: "O1",
      providerId: "P1",
      siteId: "S1",
      profession: "OT",
      start: "2027-01-04",
      end: "2027-01-04",
      capacity: 1,
      taken: 0,
      years: null,
      specialty: null,
    });
    expect(parsed.requests[0]).toEqual({
      id: "R1",
      universityId: "U1",
      profession: "OT",
      year: 1,
      start: "2027-01-04",
      end: "2027-01-04",
      students: 0,
      origin: null,
      maxTravelMinutes: null,
      specialties: [],
    });
  });

  it("keeps the example of docs/matching-format.md as given", () => {
    const parsed = parseMatchingInput(smallMatchingDocument());
    expect(parsed.offers[0].years).toEqual([2, 3]);
    expect(parsed.requests[0].origin).toEqual({ lat: 51.523, lon: -0.134 });
    expect(parsed.providers[0].sites[0].location).toEqual({ lat: 51.498, lon: -0.118 });
  });

  it("reads ISO dates as day numbers and rejects impossible ones", () => {
    expect(isoDateToDay("1970-01-02")).toBe(1);
    expect(isoDateToDay("2028-02-29")).not.toBeNull();
    expect(isoDateToDay("2027-02-29")).toBeNull();
    expect(isoDateToDay("2027-1-04")).toBeNull();
  });
});
