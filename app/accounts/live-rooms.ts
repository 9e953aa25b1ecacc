import { facilitatedRegionOf, type Actor } from "./policy";
import { organisationRoom, regionFacilitatorsRoom, userRoom } from "~/platform/realtime/rooms";

/** The live-update rooms a user's sockets join: never another organisation's or region's. */
export function roomsFor(user: Actor): string[] {
  const rooms = [userRoom(user.id)];
  if (user.organisationId) rooms.push(organisationRoom(user.organisationId));
  const regionId = facilitatedRegionOf(user);
  if (regionId) rooms.push(regionFacilitatorsRoom(regionId));
  return rooms;
}
