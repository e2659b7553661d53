// The kit's non-React parts under Node's own test runner, with the real laravel-echo and pusher-js.
// HTTP is a node:http server on 127.0.0.1 standing in for broadcast-service's two endpoints, so the
// requests pusher-js and fetch really send can be inspected.
import { test, describe, after, mock } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import {
  RANGES, MOOD_LEVELS, channelName, echoChannel, isRange, rangeLabel, createDashboardEcho, dashboardEchoOptions,
  DashboardRequestError, initialState, isNewer, reduce,
} from '../dist/index.js';

const stats = (timestamp, range = 'this_week', checkins = 1) => ({
  students_monitored: 1, this_week_checkins: checkins, open_appointments: 0, high_risk_flags: 0,
  recent_alerts: [], timestamp, range, breakdown: { mood: {}, energy: {}, stress: {} },
  wellness_index: null, sentiments: { positive: 0, neutral: 0, negative: 0 },
});

async function recordingServer(answer) {
  const requests = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      const [status, headers, payload] = answer(req);
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, requests, url: `http://127.0.0.1:${server.address().port}` };
}

// A client that never reaches a server: port 9 (discard) on loopback refuses the connection.
const offline = (auth = {}, options = {}) => createDashboardEcho(
  { key: 'app-key', wsHost: '127.0.0.1', wsPort: 9 },
  { authEndpoint: 'http://127.0.0.1:9/broadcasting/auth', token: 't', ...auth }, options);

describe('channels and ranges', () => {
  test('ranges are the contract\'s nine, each with its channel', () => {
    assert.deepEqual([...RANGES], ['today', 'yesterday', 'this_week', 'last_week', 'this_month', 'last_month',
      'last_7_days', 'last_30_days', 'this_semester']);
    assert.equal(channelName('this_week'), 'private-cache-dashboard');
    assert.equal(channelName('today'), 'private-cache-dashboard.today');
    assert.equal(channelName('last_7_days', 'private-dashboard'), 'private-dashboard.last_7_days');
    assert.throws(() => channelName('last_7d'), /unknown range "last_7d"/);
    assert.deepEqual(echoChannel('private-cache-dashboard.today'), { name: 'cache-dashboard.today', isPrivate: true });
    assert.deepEqual(echoChannel('dashboard'), { name: 'dashboard', isPrivate: false });
    assert.equal(isRange('this_semester'), true);
    assert.equal(isRange('week'), false);
    assert.equal(rangeLabel('last_30_days'), 'Last 30 days');
  });

  test('the generated types and constants follow docs/schemas', async () => {
    const definitions = JSON.parse(await readFile(new URL('../../../docs/schemas/definitions.json', import.meta.url)));
    assert.deepEqual([...RANGES], definitions.$defs.range.enum);
    assert.deepEqual([...MOOD_LEVELS], definitions.$defs.moodLevel.enum);
    const generated = await readFile(new URL('../dist/contract.generated.d.ts', import.meta.url), 'utf8');
    const schema = JSON.parse(await readFile(new URL('../../../docs/schemas/dashboard-stats.json', import.meta.url)));
    for (const field of schema.required) {
      assert.match(generated, new RegExp(`\\b${field}: `), `DashboardStats.${field} is typed`);
    }
  });
});

describe('state rules', () => {
  test('only a strictly newer state of the same range replaces the shown one', () => {
    assert.equal(isNewer(stats('2026-11-26T08:15:00.001+08:00'), null), true);
    assert.equal(isNewer(stats('2026-11-26T08:15:01+08:00'), stats('2026-11-26T08:15:00+08:00')), true);
    assert.equal(isNewer(stats('2026-11-26T00:15:00Z'), stats('2026-11-26T08:15:00+08:00')), false, 'same instant');
    assert.equal(isNewer(stats('2026-11-26T08:14:59+08:00'), stats('2026-11-26T08:15:00+08:00')), false);

    let state = initialState('today', 'connected');
    const first = stats('2026-11-26T08:15:00+08:00', 'today', 5);
    state = reduce(state, { type: 'stats', stats: first, reason: 'current' });
    assert.equal(state.stats, first);
    const older = reduce(state, { type: 'stats', stats: stats('2026-11-26T08:14:00+08:00', 'today', 4), reason: 'x' });
    assert.equal(older, state, 'an older state changes nothing');
    const again = reduce(state, { type: 'stats', stats: stats('2026-11-26T08:15:00+08:00', 'today', 5), reason: 'push' });
    assert.equal(again, state, 'the same state twice changes nothing');
    const otherRange = reduce(state, { type: 'stats', stats: stats('2026-11-26T09:00:00+08:00', 'this_week'), reason: 'x' });
    assert.equal(otherRange, state, 'a late answer for the previous range is ignored');
  });

  test('connected needs the socket connected and the channel subscribed', () => {
    let state = initialState('this_week', 'connecting');
    state = reduce(state, { type: 'connection', state: 'connected' });
    assert.equal(state.connected, false);
    state = reduce(state, { type: 'subscribed' });
    assert.equal(state.connected, true);
    state = reduce(state, { type: 'connection', state: 'connecting' });
    assert.equal(state.connected, false);
    assert.equal(state.subscribed, false, 'pusher-js re-subscribes after a reconnect');
    state = reduce(state, { type: 'connection', state: 'connected' });
    assert.equal(state.connected, false, 'not before the new subscription succeeded');
    state = reduce(state, { type: 'subscribed' });
    assert.equal(state.connected, true);
  });

  test('401 and 403 are a final auth error; other failures are not', () => {
    let state = reduce(initialState('this_week', 'connected'), { type: 'subscription_error', status: 403 });
    assert.deepEqual(state.error, { kind: 'auth', status: 403, message: 'not authorized (403)' });
    assert.equal(state.connected, false);
    state = reduce(state, { type: 'current_failed', status: 503 });
    assert.equal(state.error.kind, 'auth', 'a later 503 does not hide the auth error');
    const unavailable = reduce(initialState('this_week', 'connected'), { type: 'current_failed', status: 503 });
    assert.equal(unavailable.error.kind, 'unavailable');
    assert.equal(reduce(unavailable, { type: 'subscribed' }).error, null);
  });
});

describe('createDashboardEcho', () => {
  test('a self-hosted server gets WebSocket-only transports, a cluster and plain ws by default', () => {
    const client = offline();
    try {
      const config = client.pusher.config;
      assert.equal(config.wsHost, '127.0.0.1');
      assert.equal(config.wsPort, 9);
      assert.equal(config.useTLS, false);
      assert.deepEqual(config.enabledTransports, ['ws', 'wss']);
      assert.equal(client.echo.options.cluster, 'mt1');
      assert.equal(client.channelFor('today'), 'private-cache-dashboard.today');
    } finally {
      client.disconnect();
    }
  });

  test('Pusher itself gets its cluster and TLS', () => {
    // Options only: constructing would open a socket to Pusher's servers, and tests stay on loopback.
    const options = dashboardEchoOptions({ key: 'k', cluster: 'ap1' },
      { authEndpoint: 'https://dash.example/broadcasting/auth', token: 't' }, () => ({}));
    assert.equal(options.cluster, 'ap1');
    assert.equal(options.forceTLS, true);
    assert.equal(options.wsHost, undefined);
    assert.deepEqual(options.enabledTransports, ['ws', 'wss']);
    assert.equal(options.disableStats, true);
  });

  test('bad settings are refused with what to fix', () => {
    assert.throws(() => createDashboardEcho({ wsHost: 'h' }, { authEndpoint: '/broadcasting/auth', token: 't' }), /connection\.key/);
    assert.throws(() => createDashboardEcho({ key: 'k', cluster: '' }, { authEndpoint: '/broadcasting/auth', token: 't' }), /cluster/);
    assert.throws(() => createDashboardEcho({ key: 'k', wsHost: 'h' }, { authEndpoint: '/auth', token: 't' }), /currentEndpoint/);
  });

  test('channel auth sends the bearer token, and a new token after setToken', async () => {
    const broadcast = await recordingServer(() => [200, {}, { auth: 'app-key:signature' }]);
    after(() => broadcast.server.close());
    const client = offline({ authEndpoint: `${broadcast.url}/broadcasting/auth`, token: 'first' });
    const authorize = () => new Promise((resolve, reject) => client.pusher.config.channelAuthorizer(
      { socketId: '1.2', channelName: 'private-cache-dashboard' }, (error, data) => (error ? reject(error) : resolve(data))));
    try {
      assert.deepEqual(await authorize(), { auth: 'app-key:signature' });
      client.setToken(() => 'second');
      await authorize();
      assert.equal(broadcast.requests[0].headers.authorization, 'Bearer first');
      assert.equal(broadcast.requests[1].headers.authorization, 'Bearer second');
      assert.match(broadcast.requests[1].body, /channel_name=private-cache-dashboard/);
    } finally {
      client.disconnect();
    }
  });

  test('current stats are read next to the auth endpoint, with the token; errors carry the status', async () => {
    const broadcast = await recordingServer((req) => (req.url.includes('range=today')
      ? [503, { 'Retry-After': '5' }, { error: 'not_ready' }]
      : [200, {}, stats('2026-11-26T08:15:00+08:00')]));
    after(() => broadcast.server.close());
    const client = offline({ authEndpoint: `${broadcast.url}/broadcasting/auth`, token: 'tok' });
    try {
      assert.equal((await client.currentStats('this_week')).this_week_checkins, 1);
      assert.equal(broadcast.requests[0].url, '/api/dashboard/current?range=this_week');
      assert.equal(broadcast.requests[0].headers.authorization, 'Bearer tok');
      await assert.rejects(client.currentStats('today'), (e) => e instanceof DashboardRequestError
        && e.status === 503 && e.retryAfterMs === 5000 && /not_ready/.test(e.message));
    } finally {
      client.disconnect();
    }
  });

  test('after failed or unavailable it reconnects, backing off', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const client = offline({}, { reconnectDelayMs: 1000, maxReconnectDelayMs: 4000 });
    const connects = mock.method(client.pusher, 'connect');
    try {
      client.pusher.connection.emit('state_change', { previous: 'connecting', current: 'failed' });
      t.mock.timers.tick(999);
      assert.equal(connects.mock.callCount(), 0);
      t.mock.timers.tick(1);
      assert.equal(connects.mock.callCount(), 1);
      client.pusher.connection.emit('state_change', { previous: 'connecting', current: 'unavailable' });
      t.mock.timers.tick(1999);
      assert.equal(connects.mock.callCount(), 1, 'the second wait is twice as long');
      t.mock.timers.tick(1);
      assert.equal(connects.mock.callCount(), 2);
    } finally {
      client.disconnect();
    }
  });
});
