export * from './region-config';
export * from './errors';
export * from './observations';
export * from './scores';
export * from './alerts';
export * from './jobs';
export * from './events';
export * from './auth';
