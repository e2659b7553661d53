import Echo from 'laravel-echo';
import Pusher from 'pusher-js';
import type { DashboardStats, Range } from './contract.generated.js';
import { DEFAULT_CHANNEL, channelName } from './channels.js';

/** Pusher itself: the app key and its cluster. */
export interface PusherConnection {
  key: string;
  cluster: string;
}

/** A self-hosted Pusher-protocol server (channels-server, soketi, Reverb…). */
export interface SelfHostedConnection {
  key: string;
  wsHost: string;
  /** default 6001 */
  wsPort?: number;
  /** default wsPort */
  wssPort?: number;
  /** default false: plain ws:// (channels-server's local default) */
  forceTLS?: boolean;
}

export type Connection = PusherConnection | SelfHostedConnection;

/** A bearer token, or a function returning the current one (read at every request, so a re-login is picked up). */
export type TokenSource = string | (() => string | null | undefined);

export interface AuthOptions {
  /** broadcast-service's `/broadcasting/auth`, absolute or relative to the page. */
  authEndpoint: string;
  token: TokenSource;
  /** broadcast-service's `/api/dashboard/current`; default: next to `authEndpoint`. */
  currentEndpoint?: string;
  /** broadcast-service's BROADCAST_CHANNEL; default `private-cache-dashboard`. */
  channel?: string;
}

/** How the client behaves; every field is optional. */
export interface DashboardEchoOptions {
  /** First wait before reconnecting after `failed`/`unavailable`, ms (default 1000), doubling up to the max. */
  reconnectDelayMs?: number;
  /** default 30000 */
  maxReconnectDelayMs?: number;
  /** Passed through to pusher-js (e.g. `activityTimeout`, `unavailableTimeout`, `enableLogging`). */
  pusherOptions?: Record<string, unknown>;
}

/** A failed request to broadcast-service, with its HTTP status (0: no answer). */
export class DashboardRequestError extends Error {
  readonly status: number;
  readonly retryAfterMs: number | null;
  constructor(status: number, message: string, retryAfterMs: number | null = null) {
    super(message);
    this.name = 'DashboardRequestError';
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * Echo and pusher-js set up for the dashboard, plus what the feed needs around them. One per page
 * (it holds one WebSocket); share it between components.
 */
export interface DashboardClient {
  readonly echo: Echo<'pusher'>;
  readonly pusher: Pusher;
  /** The Pusher channel of `range`. */
  channelFor(range: Range): string;
  /** `GET /api/dashboard/current?range=` with the current token. Rejects with DashboardRequestError. */
  currentStats(range: Range, signal?: AbortSignal): Promise<DashboardStats>;
  /** The token later requests will send. */
  token(): string | null;
  /** Replaces the token (re-login); channels already authorized stay subscribed. */
  setToken(token: TokenSource): void;
  /** Listens for pusher-js connection states; returns the unsubscribe function. */
  onConnectionState(listener: (state: string) => void): () => void;
  /** Closes the socket and stops reconnecting. */
  disconnect(): void;
}

/**
 * Laravel Echo + pusher-js for Pusher itself (`{ key, cluster }`) or a self-hosted server
 * (`{ key, wsHost, wsPort, forceTLS }`), authorized with a bearer token.
 *
 * Guarantees: only WebSocket transports (`enabledTransports: ['ws', 'wss']`, no xhr fallback a
 * self-hosted server does not serve); a `cluster` is always set (pusher-js 8 requires one even
 * when `wsHost` makes it unused); every channel-auth request reads the token afresh; no stats
 * are sent to Pusher's own servers (`disableStats`); after pusher-js gives up (`failed`) or
 * declares the server `unavailable`, it reconnects with exponential back-off (1 s doubling to
 * 30 s) and at once when the browser comes back online.
 */
export function createDashboardEcho(connection: Connection, auth: AuthOptions,
                                    options: DashboardEchoOptions = {}): DashboardClient {
  let tokenSource: TokenSource = auth?.token;
  const token = (): string | null => {
    const value = typeof tokenSource === 'function' ? tokenSource() : tokenSource;
    return value ? value : null;
  };
  const authorization = (): Record<string, string> => {
    const value = token();
    return value ? { Authorization: `Bearer ${value}` } : {};
  };
  const echo = new Echo<'pusher'>({ ...dashboardEchoOptions(connection, auth, authorization, options), Pusher } as any);
  const pusher = echo.connector.pusher as Pusher;
  const base = auth.channel ?? DEFAULT_CHANNEL;
  const currentEndpoint = auth.currentEndpoint ?? currentNextTo(auth.authEndpoint);

  // Recovery from the states pusher-js does not leave by itself quickly (`failed` never).
  const initialDelay = options.reconnectDelayMs ?? 1000;
  const maxDelay = options.maxReconnectDelayMs ?? 30000;
  let delay = initialDelay;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  const schedule = () => {
    if (timer !== null || closed) return;
    timer = setTimeout(() => {
      timer = null;
      if (closed) return;
      if (pusher.connection.state !== 'connected') {
        pusher.disconnect();
        pusher.connect();
      }
    }, delay);
    delay = Math.min(maxDelay, delay * 2);
  };
  pusher.connection.bind('state_change', ({ current }: { current: string }) => {
    if (current === 'connected') {
      delay = initialDelay;
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
    } else if (current === 'failed' || current === 'unavailable') {
      schedule();
    }
  });
  const online = () => {
    if (!closed && pusher.connection.state !== 'connected') {
      pusher.disconnect();
      pusher.connect();
    }
  };
  const events = (globalThis as any).addEventListener ? globalThis : null;
  events?.addEventListener('online', online);

  return {
    echo,
    pusher,
    channelFor: (range) => channelName(range, base),
    currentStats: async (range, signal) => {
      const url = `${currentEndpoint}${currentEndpoint.includes('?') ? '&' : '?'}range=${encodeURIComponent(range)}`;
      let response: Response;
      try {
        response = await fetch(url, { headers: { Accept: 'application/json', ...authorization() }, signal });
      } catch (e) {
        if ((e as Error)?.name === 'AbortError') throw e;
        throw new DashboardRequestError(0, `current stats: no answer from ${url}`);
      }
      if (!response.ok) {
        const retryAfter = Number(response.headers.get('Retry-After'));
        let code = '';
        try {
          code = (await response.json())?.error ?? '';
        } catch {
          // not JSON: the status says enough
        }
        throw new DashboardRequestError(response.status, `current stats: ${response.status}${code ? ` ${code}` : ''}`,
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null);
      }
      return await response.json() as DashboardStats;
    },
    token,
    setToken: (next) => {
      tokenSource = next;
    },
    onConnectionState: (listener) => {
      const handler = ({ current }: { current: string }) => listener(current);
      pusher.connection.bind('state_change', handler);
      return () => pusher.connection.unbind('state_change', handler);
    },
    disconnect: () => {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      events?.removeEventListener('online', online);
      echo.disconnect();
    },
  };
}

/**
 * The options `createDashboardEcho` gives `new Echo(...)` (without the Pusher class): exposed so
 * they can be checked, or used with an Echo you construct yourself. Throws a TypeError naming
 * what is missing.
 */
export function dashboardEchoOptions(connection: Connection, auth: AuthOptions,
                                     headers: () => Record<string, string>,
                                     options: DashboardEchoOptions = {}): Record<string, unknown> {
  if (!connection || typeof connection.key !== 'string' || connection.key === '') {
    throw new TypeError('createDashboardEcho: connection.key (the Pusher app key) is required');
  }
  if (!auth || typeof auth.authEndpoint !== 'string' || auth.authEndpoint === '') {
    throw new TypeError('createDashboardEcho: auth.authEndpoint (broadcast-service /broadcasting/auth) is required');
  }
  if (!auth.currentEndpoint) currentNextTo(auth.authEndpoint); // fails early when it cannot be derived
  const transport = 'wsHost' in connection
    ? {
      cluster: 'mt1', // required by pusher-js 8, unused with wsHost
      wsHost: connection.wsHost,
      wsPort: connection.wsPort ?? 6001,
      wssPort: connection.wssPort ?? connection.wsPort ?? 6001,
      forceTLS: connection.forceTLS ?? false,
    }
    : { cluster: connection.cluster, forceTLS: true };
  if (!transport.cluster) {
    throw new TypeError('createDashboardEcho: connection.cluster is required for Pusher (e.g. "mt1", "ap1")');
  }
  return {
    broadcaster: 'pusher',
    key: connection.key,
    ...transport,
    ...(options.pusherOptions ?? {}),
    enabledTransports: ['ws', 'wss'],
    disableStats: true,
    channelAuthorization: {
      endpoint: auth.authEndpoint,
      transport: 'ajax',
      headers: {},
      headersProvider: headers,
    },
  };
}

/** broadcast-service's current-stats endpoint next to its auth endpoint (same origin, same prefix). */
function currentNextTo(authEndpoint: string): string {
  const match = /^(.*)broadcasting\/auth\/?(\?.*)?$/.exec(authEndpoint);
  if (!match) {
    throw new TypeError(`createDashboardEcho: cannot derive /api/dashboard/current from authEndpoint ${authEndpoint}; pass auth.currentEndpoint`);
  }
  return `${match[1]}api/dashboard/current`;
}
