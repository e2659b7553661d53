// The counselor dashboard served by broadcast-service at `/`, built on the kit exactly as a React
// app would use it: createDashboardEcho + useDashboardEcho. Open it with `#token=<counselor JWT>`
// (./run-local prints such a link). Values are also rendered as text (tables behind the charts),
// for screen readers and for the Chromium test.
import { useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';
import {
  createDashboardEcho, ENERGY_LEVELS, MOOD_LEVELS, RANGES, rangeLabel, STRESS_LEVELS,
  type DashboardClient, type DashboardStats, type LabelCounts, type Range, type RecentAlert,
} from '../../src/index.js';
import { useDashboardEcho } from '../../src/react.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#4a5468';

interface PageConfig {
  key: string;
  channel: string;
  cluster?: string;
  wsHost?: string;
  wsPort?: number;
  forceTLS?: boolean;
}

const hash = new URLSearchParams(location.hash.slice(1));
const token = hash.get('token') ?? '';
const initialRange = (RANGES as readonly string[]).includes(hash.get('range') ?? '') ? hash.get('range') as Range : 'this_week';

function clientFor(config: PageConfig): DashboardClient {
  const connection = config.wsHost
    ? { key: config.key, wsHost: config.wsHost, wsPort: config.wsPort, forceTLS: config.forceTLS }
    : { key: config.key, cluster: config.cluster ?? '' };
  return createDashboardEcho(connection, { authEndpoint: 'broadcasting/auth', token: () => token, channel: config.channel });
}

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dateTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const slug = (label: string) => label.replace(/\s+/g, '-');

function App() {
  const [client, setClient] = useState<DashboardClient | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let made: DashboardClient | null = null;
    fetch('dashboard-config.json')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`dashboard-config.json: ${r.status}`))))
      .then((config: PageConfig) => {
        made = clientFor(config);
        setClient(made);
      })
      .catch((e: Error) => setProblem(e.message));
    return () => made?.disconnect();
  }, []);
  if (!token) {
    return (
      <p className="notice">
        Open this page with a counselor token: <code>#token=&lt;JWT&gt;</code> after the address.
        <code>./run-local</code> prints a ready link.
      </p>
    );
  }
  if (problem) return <p className="notice" role="alert">The dashboard could not start: {problem}</p>;
  if (!client) return <p className="boot">Connecting…</p>;
  return <Dashboard client={client} />;
}

function Dashboard({ client }: { client: DashboardClient }) {
  const [range, setRange] = useState<Range>(initialRange);
  const [trend, setTrend] = useState<{ at: string; value: number }[]>([]);
  const { stats, connected, refresh, error, receivedAt, connection } = useDashboardEcho({
    client,
    range,
    onStatsUpdate: (s) => {
      if (s.wellness_index !== null) {
        setTrend((points) => [...points.slice(-59), { at: time.format(new Date(s.timestamp)), value: s.wellness_index! }]);
      }
    },
  });
  useEffect(() => setTrend([]), [range]);

  const status = error?.kind === 'auth'
    ? { css: 'error', text: `Not authorized (${error.status})` }
    : connected ? { css: 'live', text: 'Live' }
      : { css: 'connecting', text: connection === 'unavailable' || connection === 'failed' ? 'Reconnecting…' : 'Connecting…' };

  return (
    <>
      <header className="top">
        <h1><img src="favicon.svg" alt="" /> Sentisphere counselor dashboard</h1>
        <div className="controls">
          <label className="range" htmlFor="range">Range
            <select id="range" value={range} onChange={(e) => setRange(e.target.value as Range)}>
              {RANGES.map((r) => <option key={r} value={r}>{rangeLabel(r)}</option>)}
            </select>
          </label>
          <span className={`status ${status.css}`} role="status" aria-live="polite">
            <span className="dot" aria-hidden="true"></span><span id="status">{status.text}</span>
          </span>
          <span className="updated">Updated <time id="updated">{receivedAt ? time.format(receivedAt) : '—'}</time></span>
          <button type="button" className="refresh" onClick={refresh}>Refresh</button>
        </div>
      </header>
      <main aria-busy={stats === null}>
        <section className="kpis" aria-label="Key figures">
          <Kpi id="students_monitored" label="Students monitored" value={stats?.students_monitored} hint="with a check-in, all time" />
          <Kpi id="this_week_checkins" label="Check-ins" value={stats?.this_week_checkins} hint={rangeLabel(range).toLowerCase()} />
          <Kpi id="open_appointments" label="Open appointments" value={stats?.open_appointments} hint="students who downloaded the form" />
          <Kpi id="high_risk_flags" label="High-risk flags" value={stats?.high_risk_flags} hint="high alerts and negative sentiments" flag />
          <Wellness value={stats ? stats.wellness_index : undefined} />
        </section>
        <section className="grid" aria-label="Breakdowns">
          <Breakdown className="mood" title="Mood" name="mood" labels={MOOD_LEVELS} counts={stats?.breakdown.mood} horizontal />
          <Breakdown className="energy" title="Energy" name="energy" labels={ENERGY_LEVELS} counts={stats?.breakdown.energy} />
          <Breakdown className="stress" title="Stress" name="stress" labels={STRESS_LEVELS} counts={stats?.breakdown.stress} />
          <Sentiments stats={stats} />
          <Trend points={trend} />
          <Alerts alerts={stats?.recent_alerts} />
        </section>
      </main>
      <footer>Stats computed {stats ? dateTime.format(new Date(stats.timestamp)) : '—'} · {rangeLabel(range)}</footer>
    </>
  );
}

function Kpi({ id, label, value, hint, flag }: { id: string; label: string; value?: number; hint: string; flag?: boolean }) {
  return (
    <div className={`card kpi${flag && value ? ' flag' : ''}`}>
      <h2>{label}</h2>
      <div className="value" id={id}>{value === undefined ? '—' : value.toLocaleString()}</div>
      <div className="hint">{hint}</div>
    </div>
  );
}

function Wellness({ value }: { value?: number | null }) {
  const shown = value === undefined || value === null ? null : Math.round(value);
  return (
    <div className="card kpi">
      <h2>Wellness index</h2>
      <div className="value" id="wellness_index">{shown === null ? '—' : shown}</div>
      <div className="meter" role="meter" aria-label="Wellness index" aria-valuemin={0} aria-valuemax={100}
           aria-valuenow={shown ?? undefined}>
        <span style={{ width: `${shown ?? 0}%` }}></span>
      </div>
      <div className="hint">{value === null ? 'no check-ins in this range' : 'out of 100'}</div>
    </div>
  );
}

// Bar colours by meaning, in each breakdown's label order: pleasant → unpleasant, low → high.
const COLOURS = {
  mood: ['#137a4b', '#1f9d60', '#4cb782', '#8a93a6', '#a7afbf', '#d49a00', '#d9534f', '#b3261e', '#8c1d18'],
  energy: ['#a9b3f0', '#6f80e6', '#3b4fd8'],
  stress: ['#1f9d60', '#6cc08f', '#d49a00', '#d9534f', '#8c1d18'],
} as const;

function useChart(canvas: React.RefObject<HTMLCanvasElement | null>, make: () => Chart, update: (chart: Chart) => void, deps: unknown[]) {
  const chart = useRef<Chart | null>(null);
  useEffect(() => {
    chart.current = make();
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    if (chart.current) update(chart.current);
  }, deps);
}

function Breakdown({ className, title, name, labels, counts, horizontal }: {
  className: string; title: string; name: keyof typeof COLOURS; labels: readonly string[]; counts?: LabelCounts; horizontal?: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const values = useMemo(() => labels.map((l) => counts?.[l] ?? 0), [labels, counts]);
  useChart(canvas, () => new Chart(canvas.current!, {
    type: 'bar',
    data: { labels: [...labels], datasets: [{ label: title, data: values, backgroundColor: [...COLOURS[name]], borderRadius: 6 }] },
    options: {
      indexAxis: horizontal ? 'y' : 'x', responsive: true, maintainAspectRatio: false, animation: { duration: 250 },
      plugins: { tooltip: { enabled: true } },
      scales: { x: { grid: { display: !horizontal }, ticks: { precision: 0 } }, y: { grid: { display: !!horizontal }, ticks: { precision: 0 } } },
    },
  }), (chart) => {
    chart.data.datasets[0].data = values;
    chart.update();
  }, [values]);
  return (
    <figure className={`card ${className}`} style={{ margin: 0 }}>
      <h2>{title}</h2>
      <div className="chart"><canvas ref={canvas} role="img" aria-label={`${title} breakdown chart; values in the table below`}></canvas></div>
      <table className="sr-only">
        <caption>{title} check-ins by label</caption>
        <tbody>
          {labels.map((l, i) => <tr key={l}><th scope="row">{l}</th><td id={`${name}-${slug(l)}`}>{counts ? values[i] : '—'}</td></tr>)}
        </tbody>
      </table>
    </figure>
  );
}

function Sentiments({ stats }: { stats: DashboardStats | null }) {
  const s = stats?.sentiments;
  const total = s ? s.positive + s.neutral + s.negative : 0;
  const rows: [keyof NonNullable<typeof s>, string, string][] = [
    ['positive', 'Positive', '#1f9d60'], ['neutral', 'Neutral', '#8a93a6'], ['negative', 'Negative', '#d9534f']];
  return (
    <div className="card sentiments">
      <h2>Sentiments</h2>
      <div className="sentiment-bars">
        {rows.map(([key, label, colour]) => (
          <div className="row" key={key}>
            <span>{label}</span>
            <span className="track" aria-hidden="true">
              <span className="fill" style={{ width: `${total ? ((s![key] / total) * 100).toFixed(1) : 0}%`, background: colour }}></span>
            </span>
            <span className="n" id={`sentiment-${key}`}>{s ? s[key] : '—'}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

function Trend({ points }: { points: { at: string; value: number }[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useChart(canvas, () => new Chart(canvas.current!, {
    type: 'line',
    data: { labels: [], datasets: [{ label: 'Wellness index', data: [], borderColor: '#3b4fd8', backgroundColor: '#3b4fd8', tension: 0.3, pointRadius: 2 }] },
    options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { min: 0, max: 100 } } },
  }), (chart) => {
    chart.data.labels = points.map((p) => p.at);
    chart.data.datasets[0].data = points.map((p) => p.value);
    chart.update();
  }, [points]);
  return (
    <figure className="card trend" style={{ margin: 0 }}>
      <h2>Wellness index, this session</h2>
      <div className="chart"><canvas ref={canvas} role="img" aria-label="Wellness index over the updates received since the page opened"></canvas></div>
      {points.length === 0 && <p className="empty">The trend fills in as updates arrive.</p>}
    </figure>
  );
}

function Alerts({ alerts }: { alerts?: RecentAlert[] }) {
  return (
    <div className="card alerts" style={{ gridColumn: 'span 12' }}>
      <h2>Recent alerts</h2>
      {!alerts || alerts.length === 0 ? <p className="empty">No alerts.</p> : (
        <ul>
          {alerts.map((a) => (
            <li key={a.id} data-alert-id={a.id}>
              <span className="who">{a.name}</span>
              <span className="badges">
                <span className={`badge ${a.severity}`}>{a.severity}</span>
                <span className={`badge ${a.status}`}>{a.status.replace('_', ' ')}</span>
              </span>
              <span className="why">{a.reason}</span>
              <span className="when">{dateTime.format(new Date(a.created_at))}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
