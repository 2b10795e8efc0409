/**
 * Session m_sessionType tables. F1 24 renumbered them (protocols.md §1.2: "session-type enum renumbered
 * (2023: 10=R, 13=TT; 2024+: 10–14 sprint shootout, 15=R, 16=R2, 17=R3, 18=TT)"). Which table applies
 * is decided by the game that sent the packet (formats.ts enumEra), not by the packet format: F1 25's
 * legacy 2023 output sends 18 for a time trial.
 */
import type { F1Era } from './formats.js';

/** The coarse session kind racecraft stores in SessionInfo.sessionType. */
export type F1SessionKind = 'practice' | 'qualifying' | 'sprint-shootout' | 'race' | 'time-trial';

export type F1SessionType = { readonly label: string; readonly kind: F1SessionKind };

const P = (label: string): F1SessionType => ({ label, kind: 'practice' });
const Q = (label: string): F1SessionType => ({ label, kind: 'qualifying' });
const SS = (label: string): F1SessionType => ({ label, kind: 'sprint-shootout' });
const R = (label: string): F1SessionType => ({ label, kind: 'race' });
const TT: F1SessionType = { label: 'Time Trial', kind: 'time-trial' };

/** F1 23: "0 = unknown, 1 = P1, 2 = P2, 3 = P3, 4 = Short P, 5 = Q1, 6 = Q2, 7 = Q3, 8 = Short Q, 9 = OSQ, 10 = R, 11 = R2, 12 = R3, 13 = Time Trial". */
const F1_23_SESSION_TYPES: Readonly<Record<number, F1SessionType>> = {
  1: P('Practice 1'),
  2: P('Practice 2'),
  3: P('Practice 3'),
  4: P('Short Practice'),
  5: Q('Qualifying 1'),
  6: Q('Qualifying 2'),
  7: Q('Qualifying 3'),
  8: Q('Short Qualifying'),
  9: Q('One-Shot Qualifying'),
  10: R('Race'),
  11: R('Race 2'),
  12: R('Race 3'),
  13: TT,
};

/** F1 24 / F1 25: 10–14 sprint shootout, 15 = R, 16 = R2, 17 = R3, 18 = Time Trial. */
const F1_24_SESSION_TYPES: Readonly<Record<number, F1SessionType>> = {
  1: P('Practice 1'),
  2: P('Practice 2'),
  3: P('Practice 3'),
  4: P('Short Practice'),
  5: Q('Qualifying 1'),
  6: Q('Qualifying 2'),
  7: Q('Qualifying 3'),
  8: Q('Short Qualifying'),
  9: Q('One-Shot Qualifying'),
  10: SS('Sprint Shootout 1'),
  11: SS('Sprint Shootout 2'),
  12: SS('Sprint Shootout 3'),
  13: SS('Short Sprint Shootout'),
  14: SS('One-Shot Sprint Shootout'),
  15: R('Race'),
  16: R('Race 2'),
  17: R('Race 3'),
  18: TT,
};

export const SESSION_TYPE_TABLES: Readonly<Record<F1Era, Readonly<Record<number, F1SessionType>>>> = {
  23: F1_23_SESSION_TYPES,
  24: F1_24_SESSION_TYPES,
  25: F1_24_SESSION_TYPES,
};

/** The session type of a raw m_sessionType, undefined for 0 (unknown) or values not in the table. */
export function f1SessionType(era: F1Era, value: number): F1SessionType | undefined {
  return SESSION_TYPE_TABLES[era][value];
}

/** The first m_sessionType of `kind` in the era's table (P1, Q1, SS1, R, TT), 0 when unknown. */
export function f1SessionTypeValue(era: F1Era, kind: string | undefined): number {
  if (kind === undefined) return 0;
  for (const [value, type] of Object.entries(SESSION_TYPE_TABLES[era])) if (type.kind === kind) return Number(value);
  return 0;
}
