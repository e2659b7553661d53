// A scriptable dashboard-side client for tests and benches: the real pusher-js and laravel-echo,
// driven by JSON-line commands on stdin, reporting what they see as JSON lines on stdout.
//
//   {"cmd":"pusher","key":"app-key","host":"127.0.0.1","port":6001,
//    "authEndpoint":"http://127.0.0.1:8083/broadcasting/auth","token":"<jwt>","activityTimeout":120000}
//   {"cmd":"subscribe","channel":"private-x"}      {"cmd":"unsubscribe","channel":"private-x"}
//   {"cmd":"trigger","channel":"private-x","event":"client-typing","data":{...}}
//   {"cmd":"echo", ...same options as pusher...}   {"cmd":"echo-private","channel":"dashboard","event":".DashboardUpdated"}
//   {"cmd":"disconnect"}   {"cmd":"connect"}   {"cmd":"exit"}
//
// Output lines: {"type":"state"|"subscribed"|"subscription_error"|"event"|"message"|"echo-event"|
// "echo-error"|"echo-subscribed"|"error", ...}. Each line carries "at" (ms since the epoch) for latency
// measurements.
import readline from 'node:readline';
import Pusher from 'pusher-js';
import Echo from 'laravel-echo';

let pusher = null;
let echo = null;

function out(message) {
  process.stdout.write(JSON.stringify({ ...message, at: Date.now() }) + '\n');
}

function options(cmd) {
  const opts = {
    cluster: 'mt1',
    wsHost: cmd.host ?? '127.0.0.1',
    wsPort: cmd.port ?? 6001,
    forceTLS: false,
    enabledTransports: ['ws'],
    disableStats: true,
  };
  if (cmd.activityTimeout) opts.activityTimeout = cmd.activityTimeout;
  if (cmd.pongTimeout) opts.pongTimeout = cmd.pongTimeout;
  if (cmd.authEndpoint) {
    opts.channelAuthorization = {
      endpoint: cmd.authEndpoint,
      transport: 'ajax',
      headers: cmd.token ? { Authorization: `Bearer ${cmd.token}` } : {},
    };
  }
  return opts;
}

function watch(client) {
  client.connection.bind('state_change', (s) =>
    out({ type: 'state', previous: s.previous, current: s.current, socket_id: client.connection.socket_id }));
  client.connection.bind('error', (e) => out({ type: 'error', error: e?.error?.data ?? e?.data ?? String(e?.type ?? e) }));
  client.connection.bind('message', (m) => {
    if (m.event && m.event.startsWith('pusher:')) out({ type: 'message', event: m.event, channel: m.channel ?? null });
  });
}

function subscribe(name) {
  const channel = pusher.subscribe(name);
  channel.bind('pusher:subscription_succeeded', (members) =>
    out({ type: 'subscribed', channel: name, members: members?.count !== undefined ? { count: members.count, me: members.me?.id ?? null, ids: Object.keys(members.members ?? {}) } : null }));
  channel.bind('pusher:subscription_error', (e) => out({ type: 'subscription_error', channel: name, status: e?.status ?? null, error: e?.error ?? e?.type ?? null }));
  channel.bind_global((event, data) => {
    if (event === 'pusher:subscription_succeeded' || event === 'pusher:subscription_error') return;
    out({ type: 'event', channel: name, event, data });
  });
}

const handlers = {
  pusher(cmd) {
    pusher = new Pusher(cmd.key, options(cmd));
    watch(pusher);
  },
  echo(cmd) {
    const opts = options(cmd);
    echo = new Echo({
      broadcaster: 'pusher', key: cmd.key, Pusher, ...opts,
      authEndpoint: cmd.authEndpoint,
      auth: { headers: cmd.token ? { Authorization: `Bearer ${cmd.token}` } : {} },
    });
    pusher = echo.connector.pusher;
    watch(pusher);
  },
  'echo-private'(cmd) {
    echo.private(cmd.channel)
      .subscribed(() => out({ type: 'echo-subscribed', channel: cmd.channel }))
      .error((e) => out({ type: 'echo-error', channel: cmd.channel, status: e?.status ?? null }))
      .listen(cmd.event, (data) => out({ type: 'echo-event', channel: cmd.channel, event: cmd.event, data }));
  },
  subscribe(cmd) { subscribe(cmd.channel); },
  unsubscribe(cmd) { pusher.unsubscribe(cmd.channel); },
  trigger(cmd) {
    const ok = pusher.channel(cmd.channel).trigger(cmd.event, cmd.data ?? {});
    out({ type: 'triggered', channel: cmd.channel, event: cmd.event, ok });
  },
  disconnect() { pusher.disconnect(); },
  connect() { pusher.connect(); },
  exit() { if (pusher) pusher.disconnect(); process.exit(0); },
};

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  try {
    const cmd = JSON.parse(line);
    const handler = handlers[cmd.cmd];
    if (!handler) throw new Error(`unknown command ${cmd.cmd}`);
    handler(cmd);
  } catch (e) {
    out({ type: 'probe_error', error: String(e?.message ?? e) });
  }
}).on('close', () => { if (pusher) pusher.disconnect(); process.exit(0); });

out({ type: 'ready', pusher: Pusher.VERSION ?? null });
