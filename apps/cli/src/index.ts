export { startService, DASHBOARD_DIST, type RunningService, type StartOptions } from './runtime';
