import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerEventName, ServerToClientEvents } from "~/platform/realtime/events";

export type PortalSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const SocketContext = createContext<PortalSocket | null>(null);

/** One authenticated socket per signed-in tab (the session cookie travels with the handshake). */
export function RealtimeProvider({ signedIn, children }: { signedIn: boolean; children: ReactNode }) {
  const [socket, setSocket] = useState<PortalSocket | null>(null);
  useEffect(() => {
    if (!signedIn) return;
    const connection: PortalSocket = io({ transports: ["websocket"], withCredentials: true });
    setSocket(connection);
    return () => {
      connection.close();
      setSocket(null);
    };
  }, [signedIn]);
  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

export function useSocket(): PortalSocket | null {
  return useContext(SocketContext);
}

/** Calls the handler for each event of that name while the component is mounted. */
export function useSocketEvent<E extends ServerEventName>(event: E, handler: ServerToClientEvents[E]) {
  const socket = useSocket();
  useEffect(() => {
    if (!socket) return;
    // socket.io's listener type cannot be resolved for a generic event name; the signature above
    // already ties the handler to its event, so listen through the untyped view.
    const untyped = socket as unknown as Socket;
    const name: string = event;
    untyped.on(name, handler);
    return () => {
      untyped.off(name, handler);
    };
  }, [socket, event, handler]);
}
