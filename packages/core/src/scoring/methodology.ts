/**
 * Version of the published scoring methodology, stored with every score so a stored number can
 * always be traced to the rules that produced it. Bump it whenever a formula or default changes.
 */
export const METHODOLOGY_VERSION = '1.0.0';
