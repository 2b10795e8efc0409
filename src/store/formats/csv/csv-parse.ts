/**
 * RFC 4180 records: comma-separated (or another one-character delimiter), fields optionally
 * double-quoted with "" for a quote, CRLF or LF line ends, quoted fields may span lines. Never
 * throws: an unterminated quote runs to the end of the text.
 */
export function* csvRecords(text: string, delimiter = ','): Generator<string[]> {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  while (i < n) {
    const record: string[] = [];
    let field = '';
    let ended = false;
    while (i < n && !ended) {
      const c = text.charCodeAt(i);
      if (c === 34 /* " */ && field === '') {
        // Quoted field: up to the closing quote, "" is a literal quote.
        let j = i + 1;
        let value = '';
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            value += text.slice(j);
            j = n;
            break;
          }
          value += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            j = q + 2;
          } else {
            j = q + 1;
            break;
          }
        }
        field = value;
        i = j;
        // Anything between the closing quote and the delimiter is kept (lenient).
        while (i < n && text.charCodeAt(i) !== d && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) field += text[i++];
        continue;
      }
      if (c === d) {
        record.push(field);
        field = '';
        i++;
      } else if (c === 10 || c === 13) {
        i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
        ended = true;
      } else {
        let j = i;
        while (j < n) {
          const k = text.charCodeAt(j);
          if (k === d || k === 10 || k === 13) break;
          j++;
        }
        field += text.slice(i, j);
        i = j;
      }
    }
    record.push(field);
    yield record;
  }
}

/** Quote a field only when it needs it (delimiter, quote, newline, or leading/trailing space). */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** True for a record that is empty or only empty fields (MoTeC's blank separator lines). */
export const isBlank = (record: readonly string[]): boolean => record.every((f) => f.trim() === '');
