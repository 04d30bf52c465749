import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The layers as lint enforces them: the pure core (statute, domain) imports
 * no framework, database client, Node built-in or layer above it. Each probe
 * is linted as if it were a source file of that library.
 */
const root = join(__dirname, '..', '..');

/**
 * ESLint loads its ESM config, which Jest's module sandbox cannot: the probes
 * are linted in one real Node process, through ESLint's API, with the
 * workspace's own config, after Nx has computed the project graph the
 * boundary rule reads.
 */
function lintProbes(probes: Array<[string, string]>): string[][] {
  const script = `
    const { createProjectGraphAsync } = require('@nx/devkit');
    const { ESLint } = require('eslint');
    const path = require('node:path');
    (async () => {
      const probes = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
      await createProjectGraphAsync({ exitOnError: false });
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const [file, code] of probes) {
        const [result] = await eslint.lintText(code, { filePath: path.join(process.cwd(), file) });
        out.push(result.messages.filter((m) => ['@nx/enforce-module-boundaries', 'no-restricted-imports', 'no-restricted-syntax'].includes(m.ruleId)).map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const run = spawnSync(process.execPath, ['-e', script], {
    cwd: root,
    input: JSON.stringify(probes),
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  if (run.status !== 0) throw new Error(`lint probe failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe('module boundaries: the pure core stays pure', () => {
  const forbidden: Array<[string, string]> = [
    ['libs/domain/src/probe.ts', "import { Controller } from '@nestjs/common';"],
    ['libs/domain/src/probe.ts', "import { Pool } from 'pg';"],
    ['libs/domain/src/probe.ts', "import Database from 'better-sqlite3';"],
    ['libs/domain/src/probe.ts', "import { EventStoreDBClient } from '@eventstore/db-client';"],
    ['libs/domain/src/probe.ts', "import { readFileSync } from 'node:fs';"],
    ['libs/domain/src/probe.ts', "import { randomUUID } from 'crypto';"],
    ['libs/domain/src/probe.ts', "import { IsString } from 'class-validator';"],
    ['libs/domain/src/probe.ts', "import { SqliteEventStore } from '@auxledger/event-store';"],
    ['libs/statute/src/probe.ts', "import { Injectable } from '@nestjs/common';"],
    ['libs/statute/src/probe.ts', "import { Client } from 'pg';"],
    ['libs/statute/src/probe.ts', "import Database from 'better-sqlite3';"],
    ['libs/statute/src/probe.ts', "import { jsonEvent } from '@eventstore/db-client';"],
    ['libs/statute/src/probe.ts', "import * as domain from '@auxledger/domain';"],
    ['libs/statute/src/probe.ts', 'export const today = () => new Date();'],
    ['libs/domain/src/probe.ts', 'export const id = () => Math.random();'],
    // Personal data stays in libs/identity: the core never imports it, and it imports no layer above the core.
    ['libs/domain/src/probe.ts', "import { IdentityVault } from '@auxledger/identity';"],
    ['libs/identity/src/probe.ts', "import { executeCommand } from '@auxledger/application';"],
    ['libs/identity/src/probe.ts', "import { rosterOf } from '@auxledger/read-models';"],
    // The projection engine knows the event store only: no domain, no read model of AuxLedger's.
    ['libs/projection-engine/src/probe.ts', "import { envelopeOf } from '@auxledger/domain';"],
    ['libs/projection-engine/src/probe.ts', "import { rosterOf } from '@auxledger/read-models';"],
    ['libs/projection-engine/src/probe.ts', "import { executeCommand } from '@auxledger/application';"],
    ['libs/read-models/src/probe.ts', "import { executeCommand } from '@auxledger/application';"],
    // The one error base is below every layer that throws: it imports none of them.
    ['libs/errors/src/probe.ts', "import type { Bilingual } from '@auxledger/statute';"],
    ['libs/errors/src/probe.ts', "import { EventStoreError } from '@auxledger/event-store';"],
  ];
  const allowed: Array<[string, string]> = [
    ['libs/domain/src/probe.ts', "import * as statute from '@auxledger/statute';\nexport const probe = statute;"],
    ['libs/read-models/src/probe.ts', "import { Auxiliary } from '@auxledger/domain';\nimport { defineTemporal } from '@auxledger/projection-engine';\nexport const probe = [Auxiliary, defineTemporal];"],
    ['libs/projection-engine/src/probe.ts', "import type { RecordedEvent } from '@auxledger/event-store';\nexport type Probe = RecordedEvent;"],
    ['libs/event-store/src/probe.ts', "import { LedgerError } from '@auxledger/errors';\nexport const probe = LedgerError;"],
  ];
  let results: string[][] = [];
  beforeAll(() => {
    results = lintProbes([...forbidden, ...allowed].map(([file, code]) => [file, `${code}\nexport const probe1 = 1;\n`]));
  }, 120_000);

  it.each(forbidden.map((probe, index) => [...probe, index] as const))('%s refuses: %s', (_file, _code, index) => {
    expect(results[index]?.length).toBeGreaterThan(0);
  });

  it.each(allowed.map((probe, index) => [...probe, index] as const))('%s allows: %s', (_file, _code, index) => {
    expect(results[forbidden.length + index]).toEqual([]);
  });
});
