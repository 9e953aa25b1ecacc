import type { RoleName } from "~/vocabulary/roles";

/*
 * The socket.io rooms, and the only place their names are spelt.
 * A socket joins only rooms of its own user, session, organisation and region.
 */

/** Every open tab of one user: their notifications and unread count. */
export const userRoom = (userId: string) => `user:${userId}`;

/** The sockets of one signed-in session (dropped when it signs out). */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** The facilitators of a region: its matching runs' progress. */
export const regionFacilitatorsRoom = (regionId: string) => `region:${regionId}:facilitators`;

/**
 * Everyone of an organisation. Nothing sends here yet; it stays because the welcome tells a socket
 * its organisation room and that is pinned by tests of organisation isolation.
 */
export const organisationRoom = (organisationId: string) => `org:${organisationId}`;

export interface RoomMember {
  id: string;
  role: RoleName;
  organisationId: string | null;
  regionId: string | null;
}

/** The rooms a user is entitled to: never another organisation's or region's. */
export function roomsFor(user: RoomMember): string[] {
  const rooms = [userRoom(user.id)];
  if (user.organisationId) rooms.push(organisationRoom(user.organisationId));
  if (user.role === "FACILITATOR" && user.regionId) rooms.push(regionFacilitatorsRoom(user.regionId));
  return rooms;
}
