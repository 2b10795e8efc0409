import { ByteReader, decodeCp1252 } from '../bytes.js';
import { FormatError, asFormatError } from '../format-error.js';
import { DISK, HEADER, MAX_BUFS, VAR, VAR_TYPE_BYTES } from './layout.js';

export type IbtVar = {
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  /** 0 char, 1 bool, 2 int32, 3 bitField, 4 float32, 5 double. */
  readonly type: number;
  /** Byte offset inside a record. */
  readonly offset: number;
  /** Array length (1 for scalars). */
  readonly count: number;
  /** The array is `count` sub-samples per tick (iRacing `_ST` vars at 360 Hz), not `count` things. */
  readonly countAsTime: boolean;
};

export type IbtFile = {
  readonly version: number;
  /** Hz. */
  readonly tickRate: number;
  readonly vars: IbtVar[];
  /** cp1252-decoded YAML document. */
  readonly sessionInfo: string;
  /** Unix time (s, UTC) of the session start, from the disk sub-header. */
  readonly startDate: number;
  /** s, SessionTime of the first and last record. */
  readonly startTime: number;
  readonly endTime: number;
  readonly lapCount: number;
  readonly recordCount: number;
  /** Read element `element` of a var for every record. */
  column(v: IbtVar, element?: number): Float64Array;
  readonly warnings: string[];
};

const WHAT = 'iRacing .ibt file';
const MAX_VARS = 4096;

/**
 * Decode an iRacing disk telemetry file: header, disk sub-header, var headers, the session-info
 * YAML (cp1252) and the records. A dump of the live shared memory (several rotating buffers, no
 * disk sub-header) is refused with a FormatError saying so: it holds a single tick per buffer.
 */
export function parseIbt(bytes: Uint8Array, file?: string): IbtFile {
  return asFormatError(file, WHAT, () => parse(bytes, file));
}

function parse(bytes: Uint8Array, file: string | undefined): IbtFile {
  const r = new ByteReader(bytes, file, WHAT);
  const minimum = DISK.offset + DISK.size;
  if (bytes.length < minimum) throw new FormatError(`truncated ${WHAT} (headers need ${minimum} bytes, file has ${bytes.length})`, file);
  const version = r.i32(HEADER.ver);
  const tickRate = r.i32(HEADER.tickRate);
  const numBuf = r.i32(HEADER.numBuf);
  const sessionInfoOffset = r.i32(HEADER.sessionInfoOffset);
  if (version < 1 || version > 2) throw new FormatError(`not an iRacing .ibt file (header version ${version}, expected 1 or 2)`, file);
  if (numBuf > 1 && numBuf <= MAX_BUFS && sessionInfoOffset === HEADER.size) {
    throw new FormatError(
      `a dump of iRacing's live shared memory (${numBuf} rotating buffers of one tick each, no disk sub-header), not recorded telemetry: import the .ibt iRacing writes to disk instead`,
      file,
    );
  }
  if (numBuf !== 1) throw new FormatError(`corrupt ${WHAT} (numBuf ${numBuf}, disk files have 1)`, file);
  if (tickRate < 1 || tickRate > 10_000) throw new FormatError(`corrupt ${WHAT} (tick rate ${tickRate} Hz)`, file);

  const numVars = r.i32(HEADER.numVars);
  const varHeaderOffset = r.i32(HEADER.varHeaderOffset);
  const bufLen = r.i32(HEADER.bufLen);
  const bufOffset = r.i32(HEADER.varBuf + HEADER.varBufOffset);
  const sessionInfoLen = r.i32(HEADER.sessionInfoLen);
  if (numVars < 0 || numVars > MAX_VARS) throw new FormatError(`corrupt ${WHAT} (${numVars} variables)`, file);
  if (bufLen <= 0) throw new FormatError(`corrupt ${WHAT} (record length ${bufLen})`, file);
  r.need(varHeaderOffset, numVars * VAR.size, `${numVars} variable headers`);
  r.need(sessionInfoOffset, Math.max(0, sessionInfoLen), 'session info');
  if (bufOffset < minimum || bufOffset > bytes.length) throw new FormatError(`corrupt ${WHAT} (records start at ${bufOffset}, file has ${bytes.length} bytes)`, file);

  const warnings: string[] = [];
  const vars: IbtVar[] = [];
  for (let i = 0; i < numVars; i++) {
    const at = varHeaderOffset + i * VAR.size;
    const v: IbtVar = {
      type: r.i32(at + VAR.type),
      offset: r.i32(at + VAR.offset),
      count: r.i32(at + VAR.count),
      countAsTime: r.u8(at + VAR.countAsTime) !== 0,
      name: r.latin1(at + VAR.name, VAR.nameWidth),
      description: r.latin1(at + VAR.desc, VAR.descWidth),
      unit: r.latin1(at + VAR.unit, VAR.unitWidth),
    };
    const size = VAR_TYPE_BYTES[v.type as 0];
    if (size === undefined || v.count < 1 || v.offset < 0 || v.offset + size * v.count > bufLen) {
      warnings.push(`variable '${v.name}' (type ${v.type}, offset ${v.offset}, count ${v.count}) does not fit a ${bufLen}-byte record; skipped`);
      continue;
    }
    vars.push(v);
  }

  const declared = r.i32(DISK.offset + DISK.recordCount);
  const available = Math.floor((bytes.length - bufOffset) / bufLen);
  let recordCount = declared;
  if (declared <= 0 || declared > available) {
    if (declared > available) warnings.push(`file holds ${available} of the ${declared} records its header declares (truncated?)`);
    recordCount = available;
  }
  if (recordCount === 0) throw new FormatError(`truncated ${WHAT} (no complete ${bufLen}-byte record after offset ${bufOffset})`, file);

  const view = r.view;
  const column = (v: IbtVar, element = 0): Float64Array => {
    const out = new Float64Array(recordCount);
    const size = VAR_TYPE_BYTES[v.type as 0];
    const base = bufOffset + v.offset + Math.min(Math.max(0, element), v.count - 1) * size;
    for (let i = 0; i < recordCount; i++) {
      const o = base + i * bufLen;
      switch (v.type) {
        case 0:
        case 1:
          out[i] = bytes[o]!;
          break;
        case 2:
          out[i] = view.getInt32(o, true);
          break;
        case 3:
          out[i] = view.getUint32(o, true);
          break;
        case 4:
          out[i] = view.getFloat32(o, true);
          break;
        default:
          out[i] = view.getFloat64(o, true);
      }
    }
    return out;
  };

  return {
    version,
    tickRate,
    vars,
    sessionInfo: decodeCp1252(bytes, sessionInfoOffset, Math.max(0, sessionInfoLen)),
    startDate: r.i64(DISK.offset + DISK.startDate),
    startTime: r.f64(DISK.offset + DISK.startTime),
    endTime: r.f64(DISK.offset + DISK.endTime),
    lapCount: r.i32(DISK.offset + DISK.lapCount),
    recordCount,
    column,
    warnings,
  };
}
