/**
 * `racecraft export` options, checked before anything is read: the format, the --channels list
 * and the output. Every mistake is one line (UserError without a hint) and exit 1.
 */
import { CHANNEL_NAMES, isChannelName, type ChannelName } from '../../engine/model/index.js';
import { UserError } from '../errors.js';

export const EXPORT_FORMATS = ['json', 'ndjson', 'csv', 'motec'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function parseFormat(value: string | undefined): ExportFormat {
  const format = (value ?? 'json').toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UserError(`unknown export format '${value}' (expected ${EXPORT_FORMATS.join(', ')})`);
  }
  return format as ExportFormat;
}

/**
 * What `--channels` asked for: racecraft channels (in registry order, the order every format
 * writes them in) and, for JSON, extra channels of an imported session by their source name.
 * `undefined` means everything.
 */
export type ChannelRequest = {
  readonly channels: readonly ChannelName[];
  readonly extras: readonly string[];
};

/** Splits `--channels speed,rpm,...` (commas, optional spaces); an empty list is an error. */
export function splitChannelList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) throw new UserError(`--channels needs at least one channel name (valid: ${CHANNEL_NAMES.join(', ')})`);
  return [...new Set(names)];
}

/**
 * Checks the requested names against the racecraft channels and the session's extra channels
 * (source channels of an imported file with no racecraft slot, exported by JSON only).
 */
export function resolveChannels(names: readonly string[] | undefined, extraNames: readonly string[], format: ExportFormat): ChannelRequest | undefined {
  if (names === undefined) return undefined;
  const extraSet = new Set(extraNames);
  const unknown = names.filter((n) => !isChannelName(n) && !extraSet.has(n));
  if (unknown.length > 0) {
    const extrasNote = extraNames.length > 0 && format === 'json' ? `; or one of this session's ${extraNames.length} extra channels, see \`--format json\` extraChannels` : '';
    throw new UserError(`unknown channel${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')} (valid: ${CHANNEL_NAMES.join(', ')}${extrasNote})`);
  }
  const onlyExtra = names.filter((n) => !isChannelName(n));
  if (onlyExtra.length > 0 && format !== 'json') {
    throw new UserError(`'${onlyExtra[0]}' is a channel of the imported file with no racecraft equivalent; only --format json exports those`);
  }
  const extras = names.filter((n) => extraSet.has(n));
  const wanted = new Set(names);
  return { channels: CHANNEL_NAMES.filter((n) => wanted.has(n)), extras };
}
