/**
 * Freezes a JSON-like value and everything in it, in place, and returns it: a value shared by many (the scenario
 * of many drills, a state that reducers must not change) then throws where code tries to change it.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
