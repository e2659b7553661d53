import type { DashboardStats, DashboardUpdatedEventData, Range } from './contract.generated.js';
import { echoChannel } from './channels.js';
import { DashboardRequestError, type DashboardClient } from './echo.js';
import { type DashboardEvent, type DashboardState, initialState, reduce } from './state.js';

export interface FeedListener {
  /** Every change of the state (connection, subscription, stats, error). */
  onState?(state: DashboardState): void;
  /** Once per new stats state, never for a repeat or an older one. */
  onStatsUpdate?(stats: DashboardStats, reason: string): void;
}

/**
 * One range's live stats from a {@link DashboardClient}, without any UI framework: subscribes to the
 * range's channel, listens for `.DashboardUpdated`, and loads `/api/dashboard/current` on every
 * (re)subscription and on {@link refresh}. The rules are {@link reduce}'s.
 *
 * Hazards: a 401/403 leaves the channel (pusher-js would otherwise ask again at every reconnect)
 * and stays an error until {@link refresh} (e.g. after `client.setToken`) or a new feed.
 */
export class DashboardFeed {
  private state: DashboardState;
  private stopped = true;
  private abort: AbortController | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private unbindConnection: (() => void) | null = null;
  private readonly echoName: string;
  private readonly isPrivate: boolean;

  constructor(private readonly client: DashboardClient, readonly range: Range, private readonly listener: FeedListener = {}) {
    const channel = echoChannel(client.channelFor(range));
    this.echoName = channel.name;
    this.isPrivate = channel.isPrivate;
    this.state = initialState(range, client.pusher.connection.state);
  }

  get current(): DashboardState {
    return this.state;
  }

  start(): this {
    if (!this.stopped) return this;
    this.stopped = false;
    this.unbindConnection = this.client.onConnectionState((state) => this.apply({ type: 'connection', state }));
    this.subscribe();
    return this;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.unbindConnection?.();
    this.unbindConnection = null;
    this.cancelLoad();
    this.client.echo.leave(this.echoName);
  }

  /** Loads the current stats now; after an auth error, first subscribes again (a new token may pass). */
  async refresh(): Promise<void> {
    if (this.stopped) return;
    if (this.state.error?.kind === 'auth') {
      this.state = { ...this.state, error: null };
      this.subscribe();
      return;
    }
    await this.load();
  }

  private subscribe(): void {
    const echo = this.client.echo;
    echo.leave(this.echoName);
    const channel: any = this.isPrivate ? echo.private(this.echoName) : echo.channel(this.echoName);
    channel
      .subscribed(() => {
        this.apply({ type: 'subscribed' });
        void this.load();
      })
      .error((e: any) => {
        const status = typeof e?.status === 'number' ? e.status : undefined;
        this.apply({ type: 'subscription_error', status, message: status ? `channel auth: ${status}` : 'channel auth failed' });
        if (status === 401 || status === 403) this.client.echo.leave(this.echoName);
      })
      .listen('.DashboardUpdated', (data: DashboardUpdatedEventData) => {
        if (data && data.stats) this.apply({ type: 'stats', stats: data.stats, reason: data.reason });
      });
  }

  private cancelLoad(): void {
    this.abort?.abort();
    this.abort = null;
    if (this.retry !== null) clearTimeout(this.retry);
    this.retry = null;
  }

  private async load(): Promise<void> {
    this.cancelLoad();
    const abort = new AbortController();
    this.abort = abort;
    try {
      const stats = await this.client.currentStats(this.range, abort.signal);
      if (!abort.signal.aborted) this.apply({ type: 'stats', stats, reason: 'current' });
    } catch (e) {
      if (abort.signal.aborted || this.stopped) return;
      const status = e instanceof DashboardRequestError ? e.status : undefined;
      this.apply({ type: 'current_failed', status, message: (e as Error).message });
      // 503 not_ready while broadcast-service reads the topic: ask again when it says.
      if (e instanceof DashboardRequestError && e.status === 503) {
        this.retry = setTimeout(() => void this.load(), e.retryAfterMs ?? 1000);
      }
    }
  }

  private apply(event: DashboardEvent): void {
    if (this.stopped) return;
    const before = this.state;
    const after = reduce(before, event);
    if (after === before) return;
    this.state = after;
    if (after.stats !== before.stats && after.stats) this.listener.onStatsUpdate?.(after.stats, after.reason ?? '');
    this.listener.onState?.(after);
  }
}
