/** The workstation's screens, in number-key and Tab order. */
export const SCREENS = [
  { id: 'live', key: '1', title: 'Live' },
  { id: 'laps', key: '2', title: 'Laps' },
  { id: 'report', key: '3', title: 'Report' },
  { id: 'compare', key: '4', title: 'Compare' },
  { id: 'map', key: '5', title: 'Map' },
  { id: 'car', key: '6', title: 'Car' },
  { id: 'library', key: '7', title: 'Library' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

export function screenTitle(id: ScreenId): string {
  return SCREENS.find((s) => s.id === id)!.title;
}

/** The screen `by` steps after `id` (Tab: +1, Shift-Tab: -1), wrapping around. */
export function cycleScreen(id: ScreenId, by: number): ScreenId {
  const i = SCREENS.findIndex((s) => s.id === id);
  const n = SCREENS.length;
  return SCREENS[(((i + by) % n) + n) % n]!.id;
}
