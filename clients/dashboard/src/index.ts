// @sentisphere/dashboard-kit: the dashboard side of docs/contract.md (Pusher channels, the
// DashboardUpdated payload, broadcast-service's auth and current-stats endpoints). React lives in
// '@sentisphere/dashboard-kit/react'.
export type { DashboardStats, DashboardUpdatedEventData, LabelCounts, RecentAlert, Range } from './contract.generated.js';
export { ALERT_SEVERITIES, ALERT_STATUSES, ENERGY_LEVELS, MOOD_LEVELS, RANGES, STRESS_LEVELS } from './contract.generated.js';
export { DEFAULT_CHANNEL, DEFAULT_RANGE, channelName, echoChannel, isRange, rangeLabel } from './channels.js';
export {
  createDashboardEcho, dashboardEchoOptions, DashboardRequestError,
  type AuthOptions, type Connection, type DashboardClient, type DashboardEchoOptions, type PusherConnection,
  type SelfHostedConnection, type TokenSource,
} from './echo.js';
export { DashboardFeed, type FeedListener } from './feed.js';
export { initialState, isNewer, reduce, type DashboardError, type DashboardEvent, type DashboardState } from './state.js';
