/** A small, valid matching input document: one provider with one site and one offer, one university request. A new copy each call. */
export function smallMatchingDocument() {
  return {
    providers: [{ id: "P1", workforce: { PT: 12.5, OT: 8.0 }, sites: [{ id: "S1", lat: 51.498, lon: -0.118 }] }],
    offers: [
      { id: "O1", providerId: "P1", siteId: "S1", profession: "PT", start: "2027-01-04", end: "2027-02-12", capacity: 2, years: [2, 3], specialty: "MSK" },
    ],
    requests: [
      {
        id: "R1",
        universityId: "U1",
        profession: "PT",
        year: 2,
        start: "2027-01-11",
        end: "2027-02-05",
        students: 6,
        origin: { lat: 51.523, lon: -0.134 },
        maxTravelMinutes: 60,
        specialties: ["MSK", "neuro"],
      },
    ],
  };
}
