// One JSON text per value, so files that embed JSON are byte-for-byte reproducible.

/**
 * JSON with object keys sorted by UTF-16 code units and no whitespace; for finite numbers and plain values this
 * is RFC 8785 (JCS). Written directly rather than through a sorted copy, so a "__proto__" key stays a key.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}
