import type { ItemSummary, LibraryBackend } from './backend.js';

/**
 * JSON of version summaries by seq, for building listing pages. A version's summary never
 * changes once stored (only its head flag does, and that is not part of it), so an entry never
 * goes stale. A page is then one index-only query for its seqs plus string joins: no row
 * objects, no serialiser, little garbage, on the hot path of every pull.
 */
export function createSummaryCache(backend: LibraryBackend, maxEntries = 50_000) {
  const json = new Map<number, string>();

  function remember(summary: ItemSummary): string {
    const text = JSON.stringify(summary);
    if (json.size >= maxEntries) json.delete(json.keys().next().value!);
    json.set(summary.seq, text);
    return text;
  }

  return {
    /** The summaries of `seqs`, in that order, as comma-separated JSON objects. */
    async page(seqs: readonly number[]): Promise<string> {
      const parts = seqs.map((seq) => json.get(seq));
      const missing = seqs.filter((_, i) => parts[i] === undefined);
      if (missing.length > 0) {
        const fetched = new Map<number, string>();
        for (const summary of await backend.summaries(missing)) fetched.set(summary.seq, remember(summary));
        seqs.forEach((seq, i) => (parts[i] ??= fetched.get(seq)));
      }
      return parts.join(',');
    },
  };
}
