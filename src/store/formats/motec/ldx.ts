import { FormatError } from '../format-error.js';

/**
 * MoTeC `.ldx` sidecar (shared/research/file-formats.md §1.5): XML whose `Beacons` marker group
 * holds one `Marker` per start/finish crossing, `Time` in microseconds since the log's first
 * sample (written `%g` by ACC, `%.17e` once i2 has rewritten it). Marker names can skip numbers,
 * so list order (sorted) is what counts.
 */
export type LdxFile = {
  /** s since the first sample of the .ld, sorted, de-duplicated. */
  readonly markers: number[];
  /** `<Details>` strings (i2: 'Total Laps', 'Fastest Time', 'Fastest Lap'). */
  readonly details: Record<string, string>;
  readonly warnings: string[];
};

const ATTRIBUTE = /([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(ATTRIBUTE)) out[m[1]!] = decodeEntities(m[2] ?? m[3] ?? '');
  return out;
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function encodeEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Read the lap markers (and details) of an .ldx. Throws FormatError when it is not an LDX document. */
export function readLdx(xml: string, file?: string): LdxFile {
  if (typeof xml !== 'string' || !/<LDXFile[\s>/]/.test(xml)) {
    throw new FormatError('not a MoTeC .ldx file (no <LDXFile> element)', file);
  }
  const warnings: string[] = [];
  const markers: number[] = [];
  let groups = 0;
  // A group is either <MarkerGroup .../> (empty) or <MarkerGroup ...> ... </MarkerGroup>.
  for (const g of xml.matchAll(/<MarkerGroup\b([^>]*?)(\/>|>([\s\S]*?)<\/MarkerGroup\s*>)/g)) {
    if (attributes(g[1]!)['Name'] !== 'Beacons') continue;
    groups++;
    for (const m of (g[3] ?? '').matchAll(/<Marker\b([^>]*)>/g)) {
      const time = attributes(m[1]!)['Time'];
      const us = time === undefined ? Number.NaN : Number(time);
      if (Number.isFinite(us) && us >= 0) markers.push(us / 1e6);
      else warnings.push(`lap marker with unreadable time '${time ?? ''}' ignored`);
    }
  }
  if (groups === 0) warnings.push('no Beacons marker group: no lap markers');
  const details: Record<string, string> = {};
  for (const d of xml.matchAll(/<String\b([^>]*)>/g)) {
    const a = attributes(d[1]!);
    if (a['Id'] !== undefined && a['Value'] !== undefined) details[a['Id']] = a['Value'];
  }
  markers.sort((a, b) => a - b);
  const unique = markers.filter((m, i) => i === 0 || m - markers[i - 1]! > 1e-6);
  return { markers: unique, details, warnings };
}

/** i2's `%.17e`: 17 fraction digits and a two-digit exponent. */
function formatTime(us: number): string {
  return us.toExponential(17).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** 'm:ss.mmm' as i2 writes Fastest Time. */
function formatLapTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const m = Math.floor(ms / 60000);
  const rest = ms - m * 60000;
  return `${m}:${String(Math.floor(rest / 1000)).padStart(2, '0')}.${String(rest % 1000).padStart(3, '0')}`;
}

/**
 * An .ldx in the form MoTeC i2 itself writes: one `Beacons` marker per crossing (s since the
 * log's first sample, written in µs) and the Details i2 derives from them (Total Laps = markers + 1,
 * the fastest marker-to-marker lap).
 */
export function encodeLdx(markersS: readonly number[], extraDetails: Record<string, string> = {}): string {
  const sorted = [...markersS].filter((m) => Number.isFinite(m) && m >= 0).sort((a, b) => a - b);
  // One crossing ends a lap and starts the next: the same marker, written once.
  const markers = sorted.filter((m, i) => i === 0 || m - sorted[i - 1]! > 1e-6);
  const lines = [
    '<?xml version="1.0"?>',
    '<LDXFile Locale="English_United States.1252" DefaultLocale="C" Version="1.6">',
    ' <Layers>',
    '  <Layer>',
    '   <MarkerBlock>',
    '    <MarkerGroup Name="Beacons" Index="0">',
  ];
  markers.forEach((m, k) => {
    lines.push(`     <Marker Version="100" ClassName="BCN" Name="${k}, id=99" Flags="13" Time="${formatTime(m * 1e6)}"/>`);
  });
  lines.push('    </MarkerGroup>', '   </MarkerBlock>', '   <RangeBlock/>', '  </Layer>', '  <Details>');
  const details: Record<string, string> = { 'Total Laps': String(markers.length + 1) };
  let fastest = -1;
  for (let k = 1; k < markers.length; k++) {
    if (fastest < 0 || markers[k]! - markers[k - 1]! < markers[fastest]! - markers[fastest - 1]!) fastest = k;
  }
  if (fastest > 0) {
    details['Fastest Time'] = formatLapTime(markers[fastest]! - markers[fastest - 1]!);
    details['Fastest Lap'] = String(fastest);
  }
  for (const [id, value] of Object.entries({ ...details, ...extraDetails })) {
    lines.push(`   <String Id="${encodeEntities(id)}" Value="${encodeEntities(value)}"/>`);
  }
  lines.push('  </Details>', ' </Layers>', '</LDXFile>', '');
  return lines.join('\n');
}
