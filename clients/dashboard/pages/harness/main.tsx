// The hook under test in a real browser: renders useDashboardEcho's result into elements with ids
// (read by the Chromium driver) and exposes window.harness to switch range, swap the token and
// call refresh(). Settings come from the URL hash:
// #key=…&wsHost=…&wsPort=…&api=http://127.0.0.1:8083&token=…&range=this_week
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createDashboardEcho, type DashboardStats, type Range } from '../../src/index.js';
import { DashboardProvider, useDashboardEcho } from '../../src/react.js';

const params = new URLSearchParams(location.hash.slice(1));
let token = params.get('token') ?? '';
const client = createDashboardEcho(
  { key: params.get('key') ?? '', wsHost: params.get('wsHost') ?? '127.0.0.1', wsPort: Number(params.get('wsPort')) },
  { authEndpoint: `${params.get('api')}/broadcasting/auth`, token: () => token },
  // A short unavailableTimeout so a test sees pusher-js declare the server unavailable quickly.
  { reconnectDelayMs: 500, maxReconnectDelayMs: 2000, pusherOptions: { unavailableTimeout: 2000 } },
);

declare global {
  interface Window {
    harness: { setRange(range: Range): void; setToken(next: string): void; refresh(): void };
  }
}

const updates: { timestamp: string; checkins: number }[] = [];

function Harness() {
  const [range, setRange] = useState<Range>((params.get('range') as Range) ?? 'this_week');
  const [, setUpdateCount] = useState(0);
  const { stats, connected, refresh, error, reason, connection } = useDashboardEcho({
    range,
    onStatsUpdate: (s: DashboardStats) => {
      updates.push({ timestamp: s.timestamp, checkins: s.this_week_checkins });
      setUpdateCount(updates.length);
    },
  });
  useEffect(() => {
    window.harness = { setRange, setToken: (next) => { token = next; }, refresh };
  }, [refresh]);
  return (
    <dl>
      <dt>range</dt><dd id="range">{range}</dd>
      <dt>connected</dt><dd id="connected">{String(connected)}</dd>
      <dt>connection</dt><dd id="connection">{connection}</dd>
      <dt>error</dt><dd id="error">{error ? `${error.kind} ${error.status ?? ''}`.trim() : 'none'}</dd>
      <dt>stats range</dt><dd id="stats-range">{stats?.range ?? '-'}</dd>
      <dt>checkins</dt><dd id="checkins">{stats ? String(stats.this_week_checkins) : '-'}</dd>
      <dt>timestamp</dt><dd id="timestamp">{stats?.timestamp ?? '-'}</dd>
      <dt>reason</dt><dd id="reason">{reason ?? '-'}</dd>
      <dt>updates</dt><dd id="updates">{JSON.stringify(updates)}</dd>
    </dl>
  );
}

createRoot(document.getElementById('root')!).render(<DashboardProvider client={client}><Harness /></DashboardProvider>);
