import { afterAll, beforeAll, describe } from 'vitest';
import { defineApiSuite } from './api-suite.js';
import { postgresFactory } from './harness.js';
import { postgresUnavailableReason, startPostgres, type PgCluster } from './pg-harness.js';
import { defineSyncSuite } from './sync-suite.js';

/**
 * The same suite against a real PostgreSQL server that this file starts on loopback (and
 * stops). Skipped, loudly, only when no PostgreSQL binaries are installed.
 */
const reason = postgresUnavailableReason();
if (reason) console.warn(`\n*** library API PostgreSQL suite SKIPPED: ${reason}\n`);

(reason === undefined ? describe : describe.skip)(`library API — PostgreSQL backend${reason ? ` — SKIPPED: ${reason}` : ''}`, () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  const factory = () => postgresFactory(() => cluster);
  defineApiSuite(factory);
  defineSyncSuite(factory);
});
