/*
 * Every socket.io event, with its payload, for both ends: the server's `Server<…>` and the
 * browser's `Socket<…>` take these maps as generics, so an emit and its listener cannot disagree.
 */

/** A new notification for the signed-in user, with their unread count after it. */
export interface NotificationPush {
  id: string;
  title: string;
  link: string;
  kind: string;
  unreadCount: number;
}

export interface UnreadCountPush {
  unreadCount: number;
}

/** How far a region's matching run has got; "done" and "failed" end it. */
export interface MatchingProgressPush {
  runId: string;
  phase: string;
  /** 0..1 over the whole run. */
  fraction: number;
  detail?: string;
}

/** Sent to a socket once it has joined its rooms. */
export interface WelcomePush {
  userId: string;
  rooms: string[];
}

export interface ServerToClientEvents {
  welcome: (payload: WelcomePush) => void;
  notification: (payload: NotificationPush) => void;
  "unread-count": (payload: UnreadCountPush) => void;
  "matching-progress": (payload: MatchingProgressPush) => void;
}

/** Browsers only listen: they send the server nothing. */
export type ClientToServerEvents = Record<string, never>;

export type InterServerEvents = Record<string, never>;

export type ServerEventName = keyof ServerToClientEvents;
export type ServerEventPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];
