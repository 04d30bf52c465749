import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh temporary folder for a SQLite log, in RAM (/dev/shm) where there is
 * one: the store and its pragmas (WAL, synchronous=FULL) are the same, but an
 * fsync there costs nothing, so tests and benchmarks measure the command path
 * rather than the disk.
 */
export function scratchDir(prefix: string): string {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  return mkdtempSync(join(base, `${prefix}-`));
}
