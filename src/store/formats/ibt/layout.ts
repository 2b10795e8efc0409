/**
 * iRacing `.ibt` layout (irsdk_defines.h, via shared/research/file-formats.md §2.1). All int32
 * little-endian unless noted. "The ibt file format directly mirrors the format of the live data.
 * It is stored as an irsdk_header followed immediately by an irsdk_diskSubHeader."
 */

/** irsdk_header: "0 ver (=2), 4 status, 8 tickRate (60), 12 sessionInfoUpdate, 16 sessionInfoLen,
 * 20 sessionInfoOffset, 24 numVars, 28 varHeaderOffset, 32 numBuf (1 in .ibt, 3 live), 36 bufLen,
 * 40 pad[2], 48 varBuf[4] × {tickCount, bufOffset, pad[2]} (16 B each)". */
export const HEADER = {
  size: 112,
  ver: 0,
  status: 4,
  tickRate: 8,
  sessionInfoUpdate: 12,
  sessionInfoLen: 16,
  sessionInfoOffset: 20,
  numVars: 24,
  varHeaderOffset: 28,
  numBuf: 32,
  bufLen: 36,
  varBuf: 48,
  varBufStride: 16,
  varBufTickCount: 0,
  varBufOffset: 4,
} as const;

/** "IRSDK_MAX_BUFS = 4" */
export const MAX_BUFS = 4;

/** irsdk_diskSubHeader @112: "i64 sessionStartDate (unix time_t), f64 sessionStartTime, f64
 * sessionEndTime, i32 sessionLapCount, i32 sessionRecordCount". */
export const DISK = { offset: 112, size: 32, startDate: 0, startTime: 8, endTime: 16, lapCount: 24, recordCount: 28 } as const;

/** irsdk_varHeader (144 B): "i32 type, i32 offset (within a record), i32 count, u8 countAsTime,
 * pad[3], char name[32], char desc[64], char unit[32]". */
export const VAR = { size: 144, type: 0, offset: 4, count: 8, countAsTime: 12, name: 16, nameWidth: 32, desc: 48, descWidth: 64, unit: 112, unitWidth: 32 } as const;

/** "Types: 0 char (1 B), 1 bool (1 B), 2 int32, 3 bitField (u32), 4 float32, 5 double." */
export const VAR_TYPE_BYTES = [1, 1, 4, 4, 4, 8] as const;
export const VAR_TYPE_NAMES = ['char', 'bool', 'int', 'bitField', 'float', 'double'] as const;
