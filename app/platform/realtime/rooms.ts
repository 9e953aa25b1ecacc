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
