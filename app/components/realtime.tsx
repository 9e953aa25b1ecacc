import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { io, type Socket } from "socket.io-client";

const SocketContext = createContext<Socket | null>(null);

/** One authenticated socket per signed-in tab (the session cookie travels with the handshake). */
export function RealtimeProvider({ signedIn, children }: { signedIn: boolean; children: ReactNode }) {
  const [socket, setSocket] = useState<Socket | null>(null);
  useEffect(() => {
    if (!signedIn) return;
    const connection = io({ transports: ["websocket"], withCredentials: true });
    setSocket(connection);
    return () => {
      connection.close();
      setSocket(null);
    };
  }, [signedIn]);
  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

export function useSocket(): Socket | null {
  return useContext(SocketContext);
}

/** Calls the handler for each event of that name while the component is mounted. */
export function useSocketEvent<T>(event: string, handler: (payload: T) => void) {
  const socket = useSocket();
  useEffect(() => {
    if (!socket) return;
    socket.on(event, handler);
    return () => {
      socket.off(event, handler);
    };
  }, [socket, event, handler]);
}
