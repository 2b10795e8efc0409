import Conf from 'conf';
import { PROTOCOLS } from '../engine/games/index.js';
import { REFERENCE_CHOICES, type ReferenceChoice } from '../tui/data/reference-choice.js';
import { UserError } from './errors.js';
import { UNIT_SYSTEMS, type UnitSystem } from './report/units.js';

/**
 * racecraft's settings (units, reference choice, UDP ports per game, notifications), kept by
 * conf in the user's config directory (`racecraft config path` says where). The file is shared
 * with the library's login (key `library`, owned by src/store/library/settings.ts), so it is
 * written mode 0600 like the library writes it, and these keys stay out of that namespace.
 * RACECRAFT_CONFIG_DIR moves the file (tests, portable installs).
 */

export type Settings = {
  /** Speeds and distances on screen: km/h and m, or mph and ft. */
  readonly units: UnitSystem;
  /**
   * What the live delta, reports and compare measure against: 'best' = the personal best on the
   * track (and car) across sessions; 'session-best' = this session's best lap; 'library' = the
   * reference lap chosen with `racecraft library use` (falls back to the personal best).
   */
  readonly reference: ReferenceChoice;
  /** Desktop notifications (personal best, session saved, sync finished). */
  readonly notifications: boolean;
  /** UDP port `racecraft record` listens on, per game id. */
  readonly ports: Readonly<Record<string, number>>;
};

/** Defaults: metric, personal best, notifications on, each game's own port. */
export function defaultSettings(): Settings {
  return {
    units: 'metric',
    reference: 'best',
    notifications: true,
    ports: Object.fromEntries(PROTOCOLS.map((p) => [p.id, p.defaultPorts[0]!])),
  };
}

/** One settable key: how a command-line value becomes a stored one. */
type KeySpec = {
  readonly describe: string;
  readonly parse: (raw: string) => unknown;
  readonly read: (s: Settings) => unknown;
};

function oneOf<T extends string>(name: string, allowed: readonly T[]): (raw: string) => T {
  return (raw) => {
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    throw new UserError(`${name} must be one of ${allowed.join(', ')}, got '${raw}'`);
  };
}

const TRUE = new Set(['true', 'on', 'yes', '1']);
const FALSE = new Set(['false', 'off', 'no', '0']);

function parseBoolean(name: string): (raw: string) => boolean {
  return (raw) => {
    const v = raw.toLowerCase();
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    throw new UserError(`${name} must be on or off (true/false), got '${raw}'`);
  };
}

function parsePort(name: string): (raw: string) => number {
  return (raw) => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isInteger(n) || n < 1 || n > 65535) throw new UserError(`${name} must be a UDP port (1–65535), got '${raw}'`);
    return n;
  };
}

/** Every key `racecraft config get|set` knows, in the order `config get` lists them. */
export const SETTING_KEYS: Readonly<Record<string, KeySpec>> = {
  units: { describe: 'metric (km/h, m) or imperial (mph, ft)', parse: oneOf('units', UNIT_SYSTEMS), read: (s) => s.units },
  reference: { describe: 'best (personal best), session-best or library', parse: oneOf('reference', REFERENCE_CHOICES), read: (s) => s.reference },
  notifications: { describe: 'desktop notifications: on or off', parse: parseBoolean('notifications'), read: (s) => s.notifications },
  ...Object.fromEntries(
    PROTOCOLS.map((p) => [
      `ports.${p.id}`,
      { describe: `UDP port for ${p.label}`, parse: parsePort(`ports.${p.id}`), read: (s: Settings) => s.ports[p.id] } satisfies KeySpec,
    ]),
  ),
};

type Stored = { units?: UnitSystem; reference?: ReferenceChoice; notifications?: boolean; ports?: Record<string, number> };

export type SettingsStore = {
  /** The settings file. */
  readonly path: string;
  /** Everything, stored values over defaults. */
  read(): Settings;
  /** One key's value (after defaults). Throws UserError for an unknown key. */
  get(key: string): unknown;
  /** Validates and stores a command-line value; returns what was stored. */
  set(key: string, raw: string): unknown;
  /** Back to the default. */
  reset(key: string): void;
};

export type SettingsOptions = {
  /** Directory of the settings file; default $RACECRAFT_CONFIG_DIR, else the user's config directory. */
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
};

const SCHEMA = {
  units: { enum: [...UNIT_SYSTEMS] },
  reference: { enum: [...REFERENCE_CHOICES] },
  notifications: { type: 'boolean' },
  ports: { type: 'object', additionalProperties: { type: 'integer', minimum: 1, maximum: 65535 } },
} as const;

/** Opens the settings file (created on the first `set`). */
export function openSettings(options: SettingsOptions = {}): SettingsStore {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? (env['RACECRAFT_CONFIG_DIR'] || undefined);
  let conf: Conf<Stored>;
  try {
    conf = new Conf<Stored>({
      projectName: 'racecraft',
      ...(cwd !== undefined ? { cwd } : {}),
      // The library keeps a token in the same file: never widen its mode.
      configFileMode: 0o600,
      // No `defaults`: conf would write them into the file; defaults are applied on read.
      schema: SCHEMA as never,
    });
  } catch (error) {
    throw new UserError(`cannot read the settings file: ${(error as Error).message}`, 'fix or delete it (racecraft config path shows where)');
  }
  const spec = (key: string): KeySpec => {
    const found = SETTING_KEYS[key];
    if (!found) throw new UserError(`unknown setting '${key}'`, `settings: ${Object.keys(SETTING_KEYS).join(', ')}`);
    return found;
  };
  const read = (): Settings => {
    const d = defaultSettings();
    const stored = conf.store;
    return {
      units: stored.units ?? d.units,
      reference: stored.reference ?? d.reference,
      notifications: stored.notifications ?? d.notifications,
      ports: { ...d.ports, ...(stored.ports ?? {}) },
    };
  };
  return {
    path: conf.path,
    read,
    get: (key) => spec(key).read(read()),
    set(key, raw) {
      const value = spec(key).parse(raw);
      conf.set(key, value);
      return value;
    },
    reset(key) {
      spec(key);
      conf.delete(key as never);
    },
  };
}

/** The settings, or the defaults when the file cannot be read (a broken file must not stop a recording). */
export function loadSettings(options: SettingsOptions = {}): Settings {
  try {
    return openSettings(options).read();
  } catch {
    return defaultSettings();
  }
}
