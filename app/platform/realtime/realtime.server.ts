import type { Server } from "socket.io";

const holder = globalThis as typeof globalThis & { __placementExchangeIo?: Server };

export function setSocketServer(io: Server) {
  holder.__placementExchangeIo = io;
}

export function getSocketServer(): Server | null {
  return holder.__placementExchangeIo ?? null;
}

/** Sends to a room on every node (through the Redis adapter when there is one). */
export function emitToRoom(room: string, event: string, payload: unknown) {
  getSocketServer()?.to(room).emit(event, payload);
}

/** Drops the live sockets of a user (signed out everywhere, deactivated) on every node. */
export function disconnectUser(userId: string) {
  getSocketServer()?.in(`user:${userId}`).disconnectSockets(true);
}

export function disconnectSession(sessionId: string) {
  getSocketServer()?.in(`session:${sessionId}`).disconnectSockets(true);
}
