import { createHash } from 'node:crypto';

/**
 * Canonical JSON, the form library items are stored, hashed and compared in (RFC 8785 JCS for
 * the JSON racecraft produces): object keys sorted by UTF-16 code units, no whitespace, strings
 * as JSON.stringify writes them, numbers in ECMAScript's shortest round-trip form with -0
 * written as 0. Properties whose value is `undefined` are left out, as JSON.stringify does, so
 * an absent optional field and a missing one hash the same.
 *
 * Throws a TypeError on what JSON cannot carry (NaN, Infinity, functions, bigint, cycles are
 * not expected: items are validated plain data).
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, parts, '$');
  return parts.join('');
}

function write(value: unknown, out: string[], path: string): void {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} has no JSON form`);
      // String(n) is the ECMAScript Number::toString used by JSON.stringify; -0 prints as "0" too.
      out.push(String(value));
      return;
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'object': {
      if (value === null) {
        out.push('null');
        return;
      }
      if (Array.isArray(value)) {
        out.push('[');
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out.push(',');
          // JSON.stringify writes holes and undefined array entries as null; so do we.
          const entry: unknown = value[i];
          if (entry === undefined) out.push('null');
          else write(entry, out, `${path}[${i}]`);
        }
        out.push(']');
        return;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
      out.push('{');
      keys.forEach((key, i) => {
        if (i > 0) out.push(',');
        out.push(JSON.stringify(key), ':');
        write(record[key], out, `${path}.${key}`);
      });
      out.push('}');
      return;
    }
    default:
      throw new TypeError(`${path}: a ${typeof value} has no JSON form`);
  }
}

/** Lower-case hex sha256 of a UTF-8 string: 64 characters. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The content address of a value: sha256 of its canonical JSON. */
export function contentId(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** A content id as written by `contentId`: exactly 64 lower-case hex digits. */
export const CONTENT_ID_PATTERN = /^[0-9a-f]{64}$/;
