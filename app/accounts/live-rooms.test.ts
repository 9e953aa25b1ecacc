import { describe, expect, it } from "vitest";
import { roomsFor } from "./live-rooms";

describe("roomsFor", () => {
  it("gives an organisation's member their own and their organisation's rooms, nothing role-wide", () => {
    expect(roomsFor({ id: "u1", role: "EDUCATOR", organisationId: "o1", regionId: "r1" })).toEqual(["user:u1", "org:o1"]);
  });

  it("gives a facilitator their region's facilitators room", () => {
    expect(roomsFor({ id: "u2", role: "FACILITATOR", organisationId: null, regionId: "r1" })).toEqual(["user:u2", "region:r1:facilitators"]);
  });

  it("gives nobody else a region's room", () => {
    expect(roomsFor({ id: "u3", role: "UNIVERSITY", organisationId: "o2", regionId: "r1" })).not.toContain("region:r1:facilitators");
    expect(roomsFor({ id: "u4", role: "ADMIN", organisationId: null, regionId: null })).toEqual(["user:u4"]);
  });
});
