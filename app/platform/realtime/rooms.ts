import { facilitatedRegionOf, type Actor } from "~/accounts/policy";

/** The socket.io rooms a user is entitled to: never another organisation's or region's. */
export function roomsFor(user: Actor): string[] {
  const rooms = [`user:${user.id}`, `role:${user.role}`];
  if (user.organisationId) rooms.push(`org:${user.organisationId}`, `org:${user.organisationId}:${user.role}`);
  if (facilitatedRegionOf(user)) rooms.push(`region:${user.regionId}:facilitators`);
  return rooms;
}
