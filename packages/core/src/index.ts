export * from './time';
export * from './catalog';
export * from './scoring/index';
export * from './ranking/index';
export * from './alerts/index';
export * from './ingest/index';
export * from './history/index';
export * from './region-index';
