/**
 * F1 team ids (Participants m_teamId, "see appendix"). The table belongs to the game (formats.ts
 * enumEra): ids 6 and 9 are AlphaTauri / Alfa Romeo in F1 23, RB / Sauber in F1 24, Racing Bulls /
 * Sauber in F1 25; the classic, F2 and supercar ids differ per game. 255 marks an empty slot.
 */
import type { F1Era } from './formats.js';

const F1_23_TEAMS: Readonly<Record<number, string>> = {
  0: 'Mercedes', 1: 'Ferrari', 2: 'Red Bull Racing', 3: 'Williams', 4: 'Aston Martin', 5: 'Alpine',
  6: 'AlphaTauri', 7: 'Haas', 8: 'McLaren', 9: 'Alfa Romeo',
  85: 'Mercedes 2020', 86: 'Ferrari 2020', 87: 'Red Bull 2020', 88: 'Williams 2020', 89: 'Racing Point 2020',
  90: 'Renault 2020', 91: 'AlphaTauri 2020', 92: 'Haas 2020', 93: 'McLaren 2020', 94: 'Alfa Romeo 2020',
  95: 'Aston Martin DB11 V12', 96: 'Aston Martin Vantage F1 Edition', 97: 'Aston Martin Vantage Safety Car',
  98: 'Ferrari F8 Tributo', 99: 'Ferrari Roma', 100: 'McLaren 720S', 101: 'McLaren Artura',
  102: 'Mercedes AMG GT Black Series Safety Car', 103: 'Mercedes AMG GTR Pro', 104: 'F1 Custom Team',
  106: "Prema '21", 107: "Uni-Virtuosi '21", 108: "Carlin '21", 109: "Hitech '21", 110: "Art GP '21",
  111: "MP Motorsport '21", 112: "Charouz '21", 113: "Dams '21", 114: "Campos '21", 115: "BWT '21", 116: "Trident '21",
  117: 'Mercedes AMG GT Black Series', 118: "Mercedes '22", 119: "Ferrari '22", 120: "Red Bull Racing '22",
  121: "Williams '22", 122: "Aston Martin '22", 123: "Alpine '22", 124: "AlphaTauri '22", 125: "Haas '22",
  126: "McLaren '22", 127: "Alfa Romeo '22", 128: "Konnersport '22", 129: 'Konnersport', 130: "Prema '22",
  131: "Virtuosi '22", 132: "Carlin '22", 133: "MP Motorsport '22", 134: "Charouz '22", 135: "Dams '22",
  136: "Campos '22", 137: "Van Amersfoort Racing '22", 138: "Trident '22", 139: "Hitech '22", 140: "Art GP '22",
};

const F1_24_TEAMS: Readonly<Record<number, string>> = {
  0: 'Mercedes', 1: 'Ferrari', 2: 'Red Bull Racing', 3: 'Williams', 4: 'Aston Martin', 5: 'Alpine',
  6: 'RB', 7: 'Haas', 8: 'McLaren', 9: 'Sauber', 41: 'F1 Generic', 104: 'F1 Custom Team',
  143: "Art GP '23", 144: "Campos '23", 145: "Carlin '23", 146: "PHM '23", 147: "Dams '23", 148: "Hitech '23",
  149: "MP Motorsport '23", 150: "Prema '23", 151: "Trident '23", 152: "Van Amersfoort Racing '23", 153: "Virtuosi '23",
};

const F1_25_TEAMS: Readonly<Record<number, string>> = {
  0: 'Mercedes', 1: 'Ferrari', 2: 'Red Bull Racing', 3: 'Williams', 4: 'Aston Martin', 5: 'Alpine',
  6: 'Racing Bulls', 7: 'Haas', 8: 'McLaren', 9: 'Sauber', 41: 'F1 Generic', 104: 'F1 Custom Team',
  129: 'Konnersport', 142: "APXGP '24", 154: "APXGP '25", 155: "Konnersport '24",
  158: "Art GP '24", 159: "Campos '24", 160: "Rodin Motorsport '24", 161: "AIX Racing '24", 162: "DAMS '24",
  163: "Hitech '24", 164: "MP Motorsport '24", 165: "Prema '24", 166: "Trident '24", 167: "Van Amersfoort Racing '24",
  168: "Invicta '24", 185: "Mercedes '24", 186: "Ferrari '24", 187: "Red Bull Racing '24", 188: "Williams '24",
  189: "Aston Martin '24", 190: "Alpine '24", 191: "RB '24", 192: "Haas '24", 193: "McLaren '24", 194: "Sauber '24",
};

export const TEAM_TABLES: Readonly<Record<F1Era, Readonly<Record<number, string>>>> = {
  23: F1_23_TEAMS,
  24: F1_24_TEAMS,
  25: F1_25_TEAMS,
};

/** Team name of a raw m_teamId in the game `era`, undefined for empty slots and ids not in the table. */
export function f1TeamName(era: F1Era, teamId: number): string | undefined {
  return TEAM_TABLES[era][teamId];
}

/** SessionInfo.carKey for a team: the id is only meaningful within one game, so the era is part of it. */
export function f1CarKey(era: F1Era, teamId: number): string {
  return `f1:${era}:team-${teamId}`;
}

/** 'F1 Custom Team' — present in every era, used by the encoder when a car name matches no team. */
export const CUSTOM_TEAM_ID = 104;

/** The team id whose name is `carName` (case-insensitive), else the custom team. */
export function f1TeamIdOf(era: F1Era, carName: string | undefined): number {
  if (carName !== undefined) {
    const wanted = carName.toLowerCase();
    for (const [id, name] of Object.entries(TEAM_TABLES[era])) if (name.toLowerCase() === wanted) return Number(id);
  }
  return CUSTOM_TEAM_ID;
}
