import { describe } from 'vitest';
import { defineApiSuite } from './api-suite.js';
import { sqliteFactory } from './harness.js';
import { defineSyncSuite } from './sync-suite.js';

describe('library API — SQLite backend', () => {
  defineApiSuite(sqliteFactory);
  defineSyncSuite(sqliteFactory);
});
