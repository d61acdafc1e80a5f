/**
 * Canonical JSON: the one byte sequence of a JSON value that the hash chain
 * covers. Object keys are sorted by UTF-16 code units, there is no
 * whitespace, `undefined` members are dropped, numbers use JavaScript's
 * shortest round-trip form (as RFC 8785 does). Non-finite numbers, bigints,
 * functions and symbols are refused: they have no JSON form.
 *
 * @module
 */

/**
 * Serialises a JSON value canonically; throws `TypeError` on a value with no JSON form.
 *
 * It runs on every append (data, metadata and the hashed event), so it builds
 * the text with loops and string concatenation rather than arrays of parts.
 */
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
      if (Array.isArray(value)) {
        // Indexing visits the holes of sparse arrays as undefined, written as null (as JSON.stringify does).
        let text = '[';
        for (let index = 0; index < value.length; index++) {
          const item: unknown = value[index];
          if (index > 0) text += ',';
          text += item === undefined ? 'null' : canonicalJson(item);
        }
        return `${text}]`;
      }
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null)
        throw new TypeError(`${(value as object).constructor?.name ?? 'object'} is not a plain JSON object`);
      const record = value as Record<string, unknown>;
      // The default sort compares UTF-16 code units.
      const keys = Object.keys(record).sort();
      let text = '{';
      for (const key of keys) {
        const member = record[key];
        if (member === undefined) continue;
        if (text.length > 1) text += ',';
        text += `${JSON.stringify(key)}:${canonicalJson(member)}`;
      }
      return `${text}}`;
    }
    default:
      throw new TypeError(`${typeof value} has no JSON form`);
  }
};
