// Copies the non-TypeScript files the build needs next to the compiled code: the plain .sql
// migrations are read at run time from dist/store/migrations.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = [['src/store/migrations', 'dist/store/migrations']];
for (const [from, to] of assets) {
  const source = join(root, from);
  if (!existsSync(source)) continue;
  mkdirSync(join(root, to), { recursive: true });
  cpSync(source, join(root, to), { recursive: true });
}
