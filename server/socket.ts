import type { IncomingMessage, Server as HttpServer } from "node:http";
import { Server as SocketServer } from "socket.io";
import { readSessionToken, validateSessionToken } from "~/accounts/session.server";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents } from "~/platform/realtime/events";
import { roomsFor } from "~/accounts/live-rooms";
import { sessionRoom } from "~/platform/realtime/rooms";
import { setSocketServer, type PortalSocketServer, type SocketData } from "~/platform/realtime/realtime.server";

/**
 * socket.io on the same port as the portal. The handshake carries the session cookie;
 * a socket without a valid session is refused, and a signed-in one joins only its own rooms.
 */
export function attachSocketServer(httpServer: HttpServer, options: { allowedOrigins: () => string[] }): PortalSocketServer {
  const io = new SocketServer<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(httpServer, {
    serveClient: false,
    cors: { origin: (origin, callback) => callback(null, !!origin && options.allowedOrigins().includes(origin)) },
    // A WebSocket is not bound by CORS: a page on any site could open one with the user's cookie.
    // Only the portal's own pages may, and a browser always says which page is asking.
    allowRequest: (req, callback) => callback(null, handshakeOriginAllowed(req, options.allowedOrigins())),
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

  io.on("connection", (socket) => {
    const { user, sessionId } = socket.data;
    const rooms = roomsFor(user);
    void socket.join([...rooms, sessionRoom(sessionId)]);
    socket.emit("welcome", { userId: user.id, rooms });
  });

  setSocketServer(io);
  return io;
}

/**
 * A page of the portal: one served by the host the socket asked for, or from the portal's address (APP_URL), the
 * rule form posts follow (`sameOriginMutations`), so that the portal opened at another of its addresses (127.0.0.1
 * for localhost) gets its live updates as well as its forms.
 */
export function handshakeOriginAllowed(req: Pick<IncomingMessage, "headers">, allowedOrigins: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  if (allowedOrigins.includes(origin)) return true;
  const host = req.headers.host;
  return !!host && (origin === `http://${host}` || origin === `https://${host}`);
}
