export { buildApp, type ApiServices } from './app';
export { recordConfigVersions } from './time-travel';
