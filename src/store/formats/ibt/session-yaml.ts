/**
 * A purpose-built reader for iRacing's session-info YAML: block mappings and block sequences by
 * indentation, `key: value` scalars kept as raw text. Values are never re-parsed as YAML, so the
 * names pyirsdk has to quote before handing the text to a real YAML parser (UserName, TeamName,
 * values starting with a comma...) need no special treatment. Never throws: a line it does not
 * understand is skipped.
 */
export type YamlValue = string | YamlValue[] | YamlMap;
export type YamlMap = { [key: string]: YamlValue };

type Line = { indent: number; text: string };

export function parseSessionYaml(text: string): YamlMap {
  const lines: Line[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const trimmed = raw.trimEnd();
    const body = trimmed.trimStart();
    if (body === '' || body === '---' || body === '...' || body.startsWith('#')) continue;
    lines.push({ indent: trimmed.length - body.length, text: body });
  }
  const root = Object.create(null) as YamlMap;
  let i = 0;
  while (i < lines.length) {
    const before = i;
    const [value, next] = parseBlock(lines, i, lines[i]!.indent);
    if (value && typeof value === 'object' && !Array.isArray(value)) Object.assign(root, value);
    i = Math.max(next, before + 1);
  }
  return root;
}

function parseBlock(lines: Line[], start: number, indent: number): [YamlValue, number] {
  return lines[start]!.text.startsWith('- ') || lines[start]!.text === '-' ? parseList(lines, start, indent) : parseMap(lines, start, indent);
}

function parseMap(lines: Line[], start: number, indent: number): [YamlMap, number] {
  const map = Object.create(null) as YamlMap;
  let i = start;
  while (i < lines.length && lines[i]!.indent === indent && !isItem(lines[i]!)) {
    const { text } = lines[i]!;
    const colon = keyEnd(text);
    i++;
    if (colon < 0) continue;
    const key = text.slice(0, colon).trim();
    const rest = text.slice(colon + 1).trim();
    if (rest !== '') {
      map[key] = unquote(rest);
      continue;
    }
    const next = lines[i];
    if (next && (next.indent > indent || (next.indent === indent && isItem(next)))) {
      const [child, after] = parseBlock(lines, i, next.indent);
      map[key] = child;
      i = Math.max(after, i + 1);
    } else {
      map[key] = '';
    }
  }
  // Deeper lines this map did not claim (malformed indentation) are skipped.
  while (i < lines.length && lines[i]!.indent > indent) i++;
  return [map, i];
}

function parseList(lines: Line[], start: number, indent: number): [YamlValue[], number] {
  const list: YamlValue[] = [];
  let i = start;
  while (i < lines.length && lines[i]!.indent === indent && isItem(lines[i]!)) {
    const content = lines[i]!.text.slice(1).trimStart();
    if (content === '' || keyEnd(content) < 0) {
      list.push(unquote(content));
      i++;
      continue;
    }
    // "- key: value" opens a mapping whose other keys sit two columns further in.
    lines[i] = { indent: indent + 2, text: content };
    const [item, after] = parseMap(lines, i, indent + 2);
    list.push(item);
    i = Math.max(after, i + 1);
  }
  return [list, i];
}

const isItem = (line: Line): boolean => line.text === '-' || line.text.startsWith('- ');

/** Index of the ':' ending a key ('key: v' or 'key:'), or -1. */
function keyEnd(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ':' && (i === text.length - 1 || text[i + 1] === ' ')) return i;
  }
  return -1;
}

function unquote(value: string): string {
  if (value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))) {
    return value.slice(1, -1);
  }
  return value;
}

/** The value at a path of keys / list indexes, or undefined. */
export function yamlGet(root: YamlValue | undefined, ...path: (string | number)[]): YamlValue | undefined {
  let node: YamlValue | undefined = root;
  for (const key of path) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = Array.isArray(node) ? (typeof key === 'number' ? node[key] : undefined) : typeof key === 'string' ? node[key] : undefined;
  }
  return node;
}

/** The string at a path, or undefined when absent or not a scalar. */
export function yamlString(root: YamlValue | undefined, ...path: (string | number)[]): string | undefined {
  const v = yamlGet(root, ...path);
  return typeof v === 'string' ? v : undefined;
}
