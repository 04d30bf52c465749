import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegionOrgansFile } from './organs-file';

/** Where the file lives in this workspace's shared data, unless told otherwise. */
export const DEFAULT_ORGANS_FILE = join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'inner-mongolia-organs.json');

/** Reads and parses the region's organs file (Node callers: CLI, tests, benchmarks). */
export function loadRegionOrgans(path: string = process.env['AUXLEDGER_ORGANS_FILE'] ?? DEFAULT_ORGANS_FILE): RegionOrgansFile {
  return JSON.parse(readFileSync(path, 'utf8')) as RegionOrgansFile;
}
