/**
 * Freezes an object and everything reachable from it, so a loaded configuration cannot be changed by
 * one module behind the back of another. Returns the same object, typed as it was.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) {
      deepFreeze((value as Record<PropertyKey, unknown>)[key]);
    }
  }
  return value;
}
