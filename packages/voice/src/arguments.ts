// Checks for positional arguments that are not path identifiers (those go through core's
// `requireId`). A wrong type here is a programming error, so it is a `TypeError`, like a bad id.

/** Returns `value` when it is a string (empty allowed), else throws a `TypeError` naming it. */
export function requireString(name: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new TypeError(`${name} must be a string, got ${describe(value)}`);
  }
  return value;
}

/** Returns `value` when it is a boolean, else throws a `TypeError` naming it. */
export function requireBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new TypeError(`${name} must be a boolean, got ${describe(value)}`);
  }
  return value;
}

/** Returns `value` when it is a finite number, else throws a `TypeError` naming it. */
export function requireNumber(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${name} must be a finite number, got ${describe(value)}`);
  }
  return value;
}

// Names the type only: the value itself could be anything the caller holds.
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : 'a non-finite number';
  return typeof value;
}
