export { buildApp, type ApiServices } from './app';
