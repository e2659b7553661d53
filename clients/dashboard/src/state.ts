import type { DashboardStats, Range } from './contract.generated.js';

/** Why the feed cannot show live stats; `auth` is final until the token or range changes. */
export type DashboardError =
  | { kind: 'auth'; status: 401 | 403; message: string }
  | { kind: 'unavailable'; status?: number; message: string };

/**
 * What a dashboard shows for one range. `connected` is true only while the socket is connected
 * and the range's channel subscribed; `stats` is the newest state seen (by its `timestamp`).
 */
export interface DashboardState {
  range: Range;
  stats: DashboardStats | null;
  /** Why the shown stats were computed (`mobile_checkin`, `checkin.created`, `current`, …). */
  reason: string | null;
  /** When this client received the shown stats. */
  receivedAt: Date | null;
  connection: string;
  subscribed: boolean;
  connected: boolean;
  error: DashboardError | null;
}

/** What happened, as the feed saw it. */
export type DashboardEvent =
  | { type: 'connection'; state: string }
  | { type: 'subscribed' }
  | { type: 'subscription_error'; status?: number; message?: string }
  | { type: 'stats'; stats: DashboardStats; reason: string; at?: Date }
  | { type: 'current_failed'; status?: number; message?: string };

export function initialState(range: Range, connection = 'initialized'): DashboardState {
  return {
    range, stats: null, reason: null, receivedAt: null, connection, subscribed: false,
    connected: false, error: null,
  };
}

/**
 * Whether `candidate` is a newer state than `current` of the same range: strictly later
 * `timestamp`. An equal timestamp is the same state arriving twice (the cache channel's replay and
 * `/api/dashboard/current` both deliver it), so it is not newer.
 */
export function isNewer(candidate: DashboardStats, current: DashboardStats | null): boolean {
  if (current === null) return true;
  const a = Date.parse(candidate.timestamp);
  const b = Date.parse(current.timestamp);
  if (Number.isNaN(a)) return false;
  if (Number.isNaN(b)) return true;
  return a > b;
}

/**
 * The next state after `event`: a pure function, so every rule of the feed is testable without a
 * socket. Rules: a state of another range or not newer than the shown one is ignored; leaving the
 * `connected` connection state drops the subscription (pusher-js re-subscribes after reconnecting);
 * 401/403 from channel auth or from the current-stats endpoint is a final `auth` error.
 */
export function reduce(state: DashboardState, event: DashboardEvent): DashboardState {
  let next: DashboardState;
  switch (event.type) {
    case 'connection': {
      const subscribed = event.state === 'connected' ? state.subscribed : false;
      next = { ...state, connection: event.state, subscribed };
      break;
    }
    case 'subscribed':
      next = { ...state, subscribed: true, error: null };
      break;
    case 'subscription_error':
    case 'current_failed': {
      const status = event.status;
      const error: DashboardError = status === 401 || status === 403
        ? { kind: 'auth', status, message: event.message ?? `not authorized (${status})` }
        : { kind: 'unavailable', status, message: event.message ?? `stats unavailable${status ? ` (${status})` : ''}` };
      if (state.error?.kind === 'auth' && error.kind !== 'auth') return state;
      next = { ...state, error, subscribed: event.type === 'subscription_error' ? false : state.subscribed };
      break;
    }
    case 'stats':
      if (event.stats.range !== state.range || !isNewer(event.stats, state.stats)) return state;
      next = { ...state, stats: event.stats, reason: event.reason, receivedAt: event.at ?? new Date() };
      break;
  }
  const connected = next.connection === 'connected' && next.subscribed && next.error?.kind !== 'auth';
  return connected === next.connected ? next : { ...next, connected };
}
