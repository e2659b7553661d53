import { RANGES, type Range } from './contract.generated.js';

/**
 * broadcast-service's default channel: a private cache channel, so a client that subscribes (or
 * re-subscribes after a reconnect) is sent the channel's last event at once.
 */
export const DEFAULT_CHANNEL = 'private-cache-dashboard';

export const DEFAULT_RANGE: Range = 'this_week';

/** Whether `value` is one of the contract's nine range names. */
export function isRange(value: unknown): value is Range {
  return typeof value === 'string' && (RANGES as readonly string[]).includes(value);
}

/**
 * The Pusher channel carrying `range`: `base` for this_week (the old dashboard's channel),
 * `base.<range>` for every other range. `base` is broadcast-service's BROADCAST_CHANNEL.
 */
export function channelName(range: Range, base: string = DEFAULT_CHANNEL): string {
  if (!isRange(range)) {
    throw new TypeError(`unknown range ${JSON.stringify(range)}; one of ${RANGES.join(', ')}`);
  }
  return range === 'this_week' ? base : `${base}.${range}`;
}

/** What Echo's `private(name)` / `channel(name)` take: the Pusher name without `private-`. */
export function echoChannel(pusherName: string): { name: string; isPrivate: boolean } {
  return pusherName.startsWith('private-')
    ? { name: pusherName.slice('private-'.length), isPrivate: true }
    : { name: pusherName, isPrivate: false };
}

const LABELS: Record<Range, string> = {
  today: 'Today',
  yesterday: 'Yesterday',
  this_week: 'This week',
  last_week: 'Last week',
  this_month: 'This month',
  last_month: 'Last month',
  last_7_days: 'Last 7 days',
  last_30_days: 'Last 30 days',
  this_semester: 'This semester',
};

/** A range's name for people ("Last 7 days"). */
export function rangeLabel(range: Range): string {
  return LABELS[range];
}
