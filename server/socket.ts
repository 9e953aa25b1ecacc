import type { Server as HttpServer } from "node:http";
import { Server as SocketServer, type Socket } from "socket.io";
import { readSessionToken, validateSessionToken, type SessionUser } from "~/accounts/session.server";
import { roomsFor } from "~/platform/realtime/rooms";
import { setSocketServer } from "~/platform/realtime/realtime.server";

export interface SocketData {
  user: SessionUser;
  sessionId: string;
}

/**
 * socket.io on the same port as the portal. The handshake carries the session cookie;
 * a socket without a valid session is refused, and a signed-in one joins only its own rooms.
 */
export function attachSocketServer(httpServer: HttpServer, options: { allowedOrigins: () => string[] }) {
  const io = new SocketServer<Record<string, never>, Record<string, (...args: unknown[]) => void>, Record<string, never>, SocketData>(httpServer, {
    serveClient: false,
    cors: { origin: (origin, callback) => callback(null, !origin || options.allowedOrigins().includes(origin)) },
    maxHttpBufferSize: 64 * 1024,
    // Leave other WebSocket upgrades (Vite's hot reload in development) alone.
    destroyUpgrade: false,
  });

  io.use(async (socket, next) => {
    try {
      const token = readSessionToken(socket.handshake.headers.cookie);
      const session = token ? await validateSessionToken(token) : null;
      if (!session) return next(new Error("unauthorised"));
      socket.data.user = session.user;
      socket.data.sessionId = session.sessionId;
      next();
    } catch {
      next(new Error("unavailable"));
    }
  });

  io.on("connection", (socket: Socket) => {
    const data = socket.data as SocketData;
    void socket.join(roomsFor(data.user));
    void socket.join(`session:${data.sessionId}`);
    socket.emit("welcome", { userId: data.user.id, rooms: roomsFor(data.user) });
  });

  setSocketServer(io);
  return io;
}
