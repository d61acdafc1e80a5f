/**
 * Canonical JSON: the one byte sequence of a JSON value that the hash chain
 * covers. Object keys are sorted by UTF-16 code units, there is no
 * whitespace, `undefined` members are dropped, numbers use JavaScript's
 * shortest round-trip form (as RFC 8785 does). Non-finite numbers, bigints,
 * functions and symbols are refused: they have no JSON form.
 *
 * @module
 */

/** Serialises a JSON value canonically; throws `TypeError` on a value with no JSON form. */
export const canonicalJson = (value: unknown): string => {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`non-finite number ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      // Array.from visits the holes of sparse arrays (map skips them and would emit `[,1]`).
      if (Array.isArray(value))
        return `[${Array.from(value as unknown[], (item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null)
        throw new TypeError(`${(value as object).constructor?.name ?? 'object'} is not a plain JSON object`);
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`${typeof value} has no JSON form`);
  }
};
