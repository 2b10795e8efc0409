import { FormatError } from './format-error.js';
import { readCsv } from './csv/read.js';
import { readIbt } from './ibt/import.js';
import { readJson } from './json/read.js';
import { readNdjson } from './json/ndjson.js';
import { readLd } from './motec/import.js';
import type { ImportedSession } from './types.js';

/** Session file formats `racecraft import` reads (captures, .pcap/.pcapng, go through readPcap). */
export type SessionFormat = 'ld' | 'ibt' | 'csv' | 'json' | 'ndjson';

/**
 * The format of a session file, from its first bytes (magic numbers win over the extension: a
 * renamed file still imports), falling back to the extension for text formats.
 */
export function detectSessionFormat(name: string, bytes: Uint8Array): SessionFormat | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 4 && view.getUint32(0, true) === 0x40) return 'ld';
  if (bytes.length >= 4 && (view.getInt32(0, true) === 1 || view.getInt32(0, true) === 2) && /\.ibt$/i.test(name)) return 'ibt';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 256)).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return /"type"\s*:\s*"session"/.test(head) ? 'ndjson' : 'json';
  if (/\.ibt$/i.test(name)) return 'ibt';
  if (/\.ld$/i.test(name)) return 'ld';
  if (/\.ndjson$|\.jsonl$/i.test(name)) return 'ndjson';
  if (/\.json$/i.test(name)) return 'json';
  // A comma in the first line says CSV only for text: a binary dump (NUL bytes) with a stray
  // comma byte is no CSV, and calling it one would give a misleading error.
  const binary = bytes.subarray(0, 256).includes(0);
  if (/\.csv$/i.test(name) || (!binary && /,/.test(head.split('\n')[0] ?? ''))) return 'csv';
  return undefined;
}

/**
 * Import a session file's bytes. `sidecar` is the text of a MoTeC .ldx when importing an .ld.
 * Throws FormatError for an unknown or corrupt file.
 */
export function importSessionFile(name: string, bytes: Uint8Array, sidecar?: string): ImportedSession {
  const format = detectSessionFormat(name, bytes);
  const file = name.replace(/^.*[/\\]/, '');
  const text = (): string => new TextDecoder('utf-8').decode(bytes);
  switch (format) {
    case 'ld':
      return readLd(bytes, { file, ...(sidecar !== undefined ? { ldx: sidecar } : {}) });
    case 'ibt':
      return readIbt(bytes, { file });
    case 'csv':
      return readCsv(text(), { file });
    case 'json':
      return readJson(text(), { file });
    case 'ndjson':
      return readNdjson(text(), { file });
    default:
      // A sidecar given on its own: say where its data is rather than "unknown format".
      if (/\.ldx$/i.test(name)) throw new FormatError('a MoTeC .ldx holds only the lap markers of its .ld: import the .ld (the .ldx beside it is read with it)', file);
      throw new FormatError('unknown file format (expected a .pcap/.pcapng capture, MoTeC .ld, iRacing .ibt, .csv, .json or .ndjson)', file);
  }
}
