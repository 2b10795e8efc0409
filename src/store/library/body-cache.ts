import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/**
 * Ready-to-send answers of GET /v1/items/:id, plain and gzipped, least recently used first out.
 * Items are content-addressed, so an entry never goes stale: no invalidation, only a size bound.
 * A pull downloads the same bodies for every client; this turns each download after the first
 * into a map lookup instead of a query, a string splice and a compression.
 */
export type CachedBody = { readonly plain: Buffer; gzipped?: Buffer };

export function createBodyCache(maxBytes: number) {
  const entries = new Map<string, CachedBody>();
  let bytes = 0;

  const sizeOf = (entry: CachedBody): number => entry.plain.length + (entry.gzipped?.length ?? 0);

  function evict(): void {
    while (bytes > maxBytes && entries.size > 0) {
      const [oldest, entry] = entries.entries().next().value as [string, CachedBody];
      entries.delete(oldest);
      bytes -= sizeOf(entry);
    }
  }

  return {
    get(id: string): CachedBody | undefined {
      const entry = entries.get(id);
      if (entry) {
        entries.delete(id);
        entries.set(id, entry);
      }
      return entry;
    },
    put(id: string, plain: Buffer): CachedBody {
      const entry: CachedBody = { plain };
      if (plain.length <= maxBytes / 4) {
        entries.set(id, entry);
        bytes += plain.length;
        evict();
      }
      return entry;
    },
    /** The gzipped form, made once per entry (level 9: it is paid once and sent many times). */
    async gzipped(id: string, entry: CachedBody): Promise<Buffer> {
      if (entry.gzipped) return entry.gzipped;
      const compressed = await gzipAsync(entry.plain, { level: 9 });
      if (!entry.gzipped && entries.get(id) === entry) {
        entry.gzipped = compressed;
        bytes += compressed.length;
        evict();
      }
      return compressed;
    },
    get bytes(): number {
      return bytes;
    },
  };
}
