import type { ru } from './ru';

/** A label key: every key of the Russian reference dictionary. */
export type MessageKey = keyof typeof ru;

/**
 * The shape every language must fill: all keys of `ru`, each a string. Declaring `kk` and `en`
 * with this type makes a missing (or misspelled extra) key a TypeScript error.
 */
export type Dictionary = { readonly [K in MessageKey]: string };
