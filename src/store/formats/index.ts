/**
 * File formats: importers return an ImportedSession (SI units, columnar laps); exporters stream
 * text or return bytes. Codecs work on Uint8Array/strings so they are testable without files.
 */
export type { ExtraChannel, ImportedLap, ImportedSession, SourceChannel } from './types.js';
export { FormatError, isFormatError } from './format-error.js';
export { detectSessionFormat, importSessionFile, type SessionFormat } from './detect.js';

export { parseLd, type LdChannel, type LdFile, type LdHeader } from './motec/ld-read.js';
export { readLd, type ReadLdOptions } from './motec/import.js';
export { readLdx, encodeLdx, type LdxFile } from './motec/ldx.js';
export { writeLd, writeLdx, writeMotec, type WriteLdOptions } from './motec/export.js';

export { parseIbt, type IbtFile, type IbtVar } from './ibt/read.js';
export { readIbt } from './ibt/import.js';

export { parseMotecCsv, readMotecCsv, isMotecCsv, type MotecCsv } from './csv/motec-csv.js';
export { readCsv } from './csv/read.js';
export { csvLines, writeCsv } from './csv/write.js';

export { SESSION_SCHEMA, type SessionJson } from './json/schema.js';
export { jsonChunks, writeJson } from './json/write.js';
export { readJson } from './json/read.js';
export { ndjsonLines, readNdjson } from './json/ndjson.js';

export { readPcap } from './pcap/read.js';
export { createPcapWriter, type DatagramToWrite, type PcapWriter, type PcapWriterOptions } from './pcap/write.js';
export { LINKTYPE, type Datagram, type PcapCapture, type PcapSkipped } from './pcap/types.js';
