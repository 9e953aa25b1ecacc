import type { RoleName } from "~/vocabulary/roles";
import type { Server } from "socket.io";
import type { ClientToServerEvents, InterServerEvents, ServerEventName, ServerEventPayload, ServerToClientEvents } from "./events";
import { sessionRoom, userRoom } from "./rooms";

/** What the handshake leaves on each socket. */
export interface SocketData {
  user: { id: string; role: RoleName; organisationId: string | null; regionId: string | null };
  sessionId: string;
}

export type PortalSocketServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

const holder = globalThis as typeof globalThis & { __placementExchangeIo?: PortalSocketServer };

export function setSocketServer(io: PortalSocketServer) {
  holder.__placementExchangeIo = io;
}

export function getSocketServer(): PortalSocketServer | null {
  return holder.__placementExchangeIo ?? null;
}

/** Sends to a room on every node (through the Redis adapter when there is one). */
export function emitToRoom<E extends ServerEventName>(room: string, event: E, payload: ServerEventPayload<E>) {
  // socket.io's emit arguments cannot be resolved for a generic event name; the signature above ties payload to event.
  getSocketServer()?.to(room).emit(event, ...([payload] as Parameters<ServerToClientEvents[E]>));
}

/** Drops the live sockets of a user (signed out everywhere, deactivated, password changed) on every node. */
export function disconnectUser(userId: string, options: { exceptSessionId?: string } = {}) {
  const sockets = getSocketServer()?.in(userRoom(userId));
  if (options.exceptSessionId) sockets?.except(sessionRoom(options.exceptSessionId)).disconnectSockets(true);
  else sockets?.disconnectSockets(true);
}

export function disconnectSession(sessionId: string) {
  getSocketServer()?.in(sessionRoom(sessionId)).disconnectSockets(true);
}
