import type { CarItem, ItemKind, LibraryItem, ReferenceItem, TrackItem } from './items.js';

/**
 * Library keys: what names a track, car or reference lap across versions. A key is the game id
 * and 1-3 components joined by '/'; the allowlists below leave no room for path tricks ('..',
 * '%2F', backslashes, spaces) or anything a shell or SQL would read specially.
 */

/** Game ids: lower-case letters, digits, _ and -. */
export const GAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;
/**
 * One component of a library key (a track, car or driver key). No '/', no leading '.', no '%',
 * no spaces: a component can never climb out of a path or be read as two.
 */
export const KEY_COMPONENT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:+-]{0,63}$/;
/** A library key: game, then 1 to 3 components, '/'-separated (see itemKey). */
export const LIBRARY_KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}(?:\/[A-Za-z0-9][A-Za-z0-9_.:+-]{0,63}){1,3}$/;

/**
 * A game's own key made fit for a library key: '/' becomes ':' (AC's 'ks_monza/full' →
 * 'ks_monza:full'), any other character outside the allowlist becomes '-'. Empty → '_'.
 */
export function toKeyComponent(raw: string): string {
  const mapped = raw
    .trim()
    .replaceAll('/', ':')
    .replace(/[^A-Za-z0-9_.:+-]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 64);
  return mapped === '' ? '_' : mapped;
}

/** A driver's display name as a key component: 'Kimi Räikkönen' → 'kimi-raikkonen'. */
export function driverSlug(driver: string): string {
  const slug = driver
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug === '' ? 'driver' : slug;
}

/** The library key of an item: track/car `game/key`, reference `game/track/car/driver-slug`. */
export function itemKey(kind: ItemKind, item: LibraryItem): string {
  if (kind === 'reference') {
    const ref = item as ReferenceItem;
    return `${ref.game}/${ref.track}/${ref.car}/${driverSlug(ref.driver)}`;
  }
  const named = item as TrackItem | CarItem;
  return `${named.game}/${named.key}`;
}

/** Whether `key` is a well-formed library key (for keys typed by users or taken from URLs). */
export function isLibraryKey(key: string): boolean {
  return key.length <= 300 && LIBRARY_KEY_PATTERN.test(key);
}
