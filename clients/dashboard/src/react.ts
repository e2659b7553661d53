import { createContext, createElement, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { DashboardStats, Range } from './contract.generated.js';
import { DEFAULT_RANGE } from './channels.js';
import type { DashboardClient } from './echo.js';
import { DashboardFeed } from './feed.js';
import { type DashboardError, type DashboardState, initialState } from './state.js';

const ClientContext = createContext<DashboardClient | null>(null);
let defaultClient: DashboardClient | null = null;

/** Makes `client` the one {@link useDashboardEcho} uses below it. */
export function DashboardProvider({ client, children }: { client: DashboardClient; children?: ReactNode }) {
  return createElement(ClientContext.Provider, { value: client }, children);
}

/**
 * The client {@link useDashboardEcho} uses when there is no provider and no `client` option: the
 * old dashboard created its Echo once in `lib/echo.ts`; do the same with `createDashboardEcho` and
 * this, and the hook's call sites stay as they were.
 */
export function setDashboardClient(client: DashboardClient | null): void {
  defaultClient = client;
}

export interface UseDashboardEchoOptions {
  range?: Range;
  /** Called once per new stats state (never for a repeat or an older one). */
  onStatsUpdate?: (stats: DashboardStats, reason: string) => void;
  client?: DashboardClient;
}

export interface UseDashboardEcho {
  stats: DashboardStats | null;
  /** The socket is connected and the range's channel subscribed. */
  connected: boolean;
  /** Loads the current stats now (after an auth error: subscribes again first). */
  refresh: () => void;
  error: DashboardError | null;
  reason: string | null;
  receivedAt: Date | null;
  /** pusher-js's connection state: connecting, connected, unavailable, failed, disconnected. */
  connection: string;
}

/**
 * The old guide's hook, same signature: `const { stats, connected, refresh } =
 * useDashboardEcho({ onStatsUpdate })`, plus `range` (default this_week) and the error state.
 * Re-subscribes when `range` or the client changes; `onStatsUpdate` may change on every render
 * without re-subscribing.
 */
export function useDashboardEcho(options: UseDashboardEchoOptions = {}): UseDashboardEcho {
  const range = options.range ?? DEFAULT_RANGE;
  const contextClient = useContext(ClientContext);
  const client = options.client ?? contextClient ?? defaultClient;
  if (!client) {
    throw new Error('useDashboardEcho: no DashboardClient; pass { client }, wrap in <DashboardProvider>, or call setDashboardClient()');
  }
  const onStatsUpdate = useRef(options.onStatsUpdate);
  onStatsUpdate.current = options.onStatsUpdate;
  const [state, setState] = useState<DashboardState>(() => initialState(range, client.pusher.connection.state));
  const feed = useRef<DashboardFeed | null>(null);

  useEffect(() => {
    const current = new DashboardFeed(client, range, {
      onState: setState,
      onStatsUpdate: (stats, reason) => onStatsUpdate.current?.(stats, reason),
    });
    feed.current = current;
    setState(current.current);
    current.start();
    return () => {
      current.stop();
      if (feed.current === current) feed.current = null;
    };
  }, [client, range]);

  const refresh = useCallback(() => {
    void feed.current?.refresh();
  }, []);

  const shown = state.range === range ? state : initialState(range, state.connection);
  return {
    stats: shown.stats,
    connected: shown.connected,
    refresh,
    error: shown.error,
    reason: shown.reason,
    receivedAt: shown.receivedAt,
    connection: shown.connection,
  };
}
