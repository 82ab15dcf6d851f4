export * from './time';
export * from './catalog';
export * from './scoring/index';
export * from './alerts/index';
