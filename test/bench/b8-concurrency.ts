import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { type EventStore, PostgresEventStore, SQLITE_SCHEMA, SqliteEventStore, applySqlitePragmas, postgresSchemaSql } from '@auxledger/event-store';
import { rawRows } from './b1-sqlite';
import { seedEvents } from './b2-command-path';
import { ADMIN_KEY, client, startApi } from './b3-http';
import { apiDatabase } from './bench-stores';
import { type Row, percentile } from './measure';

export interface ConcurrencyOptions {
  /** Concurrent HTTP clients, one keep-alive socket each (default 1, 4, 16, 64). */
  clients: number[];
  /** Commands per level, spread over `rounds` rounds (each level at least one command per client per round). */
  commands: number;
  rounds: number;
}

/** Auxiliaries each client owns: no two clients ever command the same auxiliary, so none of the commands conflict. */
const PER_CLIENT = 2;
const auxiliaryOf = (clients: number, c: number, j: number, prefix = 'c') => `${prefix}${clients}-${c}-${j}`;

/**
 * Commands the API is sent first, unmeasured, by WARM_CLIENTS clients on
 * auxiliaries of their own: the API is a server that runs for days, and V8
 * compiles its hot paths over the first few thousand requests (B3 saw the
 * CPU a command halve between the first 1 000 and those after 4 000).
 */
const WARM_UP = 4000;
const WARM_CLIENTS = 16;

/** The limit a commit per command cannot pass: one-row transactions, each its own fsync, through the raw driver. */
interface FsyncLimit {
  run(n: number): Promise<number[]>;
  close(): Promise<void>;
}

function sqliteFsyncLimit(path: string): FsyncLimit {
  const db = new Database(path);
  applySqlitePragmas(db);
  db.exec(SQLITE_SCHEMA);
  const insert = db.prepare(
    'INSERT INTO events (global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash, log_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertOne = db.transaction((values: unknown[]) => insert.run(...values));
  const row = rawRows();
  let i = 0;
  return {
    async run(n) {
      const latencies: number[] = [];
      for (let k = 0; k < n; k++, i++) {
        const values = row(`s-${i % 100}`, i);
        const t0 = performance.now();
        insertOne.immediate(values);
        latencies.push(performance.now() - t0);
      }
      return latencies;
    },
    close: async () => void db.close(),
  };
}

async function postgresFsyncLimit(url: string): Promise<FsyncLimit> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  await pg.query(postgresSchemaSql('bench_raw_fsync'));
  const insert = 'INSERT INTO bench_raw_fsync.events (global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash, log_digest) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)';
  const row = rawRows();
  let i = 0;
  return {
    async run(n) {
      const latencies: number[] = [];
      for (let k = 0; k < n; k++, i++) {
        const values = row(`s-${i % 100}`, i);
        const t0 = performance.now();
        await pg.query(insert, values);
        latencies.push(performance.now() - t0);
      }
      return latencies;
    },
    close: () => pg.end(),
  };
}

/** CPU time (user + system, ms) the process has used so far, from /proc; undefined where there is none. */
export function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)));
}

/**
 * B8: commands per second over real HTTP with 1, 4, 16 and 64 clients at
 * once — the API (main.ts) in its own process on SQLite or PostgreSQL, each
 * client a keep-alive socket sending AssignDuty and EndDuty for auxiliaries
 * of its own, one after the other — beside the fsync limit measured in the
 * same run on the same disk (raw one-row transactions, one commit each), in
 * alternating rounds: a round of every client's commands, then a round of
 * raw commits. One commit per command would cap the ratio below 1×; above
 * it, commands shared commits. The spread is the lowest and highest ratio of
 * a single round. The API process's CPU time per command (from /proc, on a
 * shared machine steadier than the rates) is noted beside it.
 */
export async function benchConcurrency(
  target: { kind: 'sqlite'; dir: string } | { kind: 'postgres'; dir: string; url: string },
  options: ConcurrencyOptions,
): Promise<{ rows: Row[]; notes: string[] }> {
  const { dir } = target;
  const label = target.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  let env: Record<string, string> = {};
  let limit: FsyncLimit;
  let seed: EventStore & { close(): Promise<void> };
  const dbPath = join(dir, `b8-${target.kind}.db`);
  if (target.kind === 'sqlite') {
    seed = new SqliteEventStore({ path: dbPath });
    limit = sqliteFsyncLimit(join(dir, 'b8-fsync.db'));
  } else {
    const own = await apiDatabase(target.url, dir, 'bench_http');
    env = own.env;
    seed = await PostgresEventStore.open({ connectionString: own.url });
    limit = await postgresFsyncLimit(own.url);
  }
  for (const [n, prefix] of [[WARM_CLIENTS, 'w'] as const, ...options.clients.map((k) => [k, 'c'] as const)]) {
    for (let c = 0; c < n; c++) {
      for (let j = 0; j < PER_CLIENT; j++) await seed.appendToStream(`auxiliary-${auxiliaryOf(n, c, j, prefix)}`, seedEvents(auxiliaryOf(n, c, j, prefix)), 'no_stream');
    }
  }
  await seed.close();
  const { port, child } = await startApi(dbPath, join(dir, `b8-${target.kind}-read-models.db`), env);
  const rows: Row[] = [];
  const notes: string[] = [];
  const admin = client(port);
  try {
    const keyResponse = await admin.post('/api/keys', { name: 'bench operator', role: 'operator', organIds: ['xincheng'] }, ADMIN_KEY);
    if (keyResponse.status !== 201) throw new Error(`B8: creating an operator key answered ${keyResponse.status}: ${JSON.stringify(keyResponse.body)}`);
    const key = (keyResponse.body as { key: string }).key;
    /** n clients; `send(c)`: client c's next command (per auxiliary of its own, an assignment, then its end, then the next assignment…), its latency. */
    const sender = (n: number, prefix: string) => {
      const clients = Array.from({ length: n }, () => client(port));
      const sent = new Array<number>(n).fill(0);
      const failures: string[] = [];
      const send = async (c: number): Promise<number> => {
        const i = sent[c] ?? 0;
        sent[c] = i + 1;
        const j = i % PER_CLIENT;
        const round = Math.floor(i / PER_CLIENT);
        const auxiliaryId = auxiliaryOf(n, c, j, prefix);
        const assignmentId = `as-${j}-${round - (round % 2)}`;
        const http = clients[c] as ReturnType<typeof client>;
        const t0 = performance.now();
        const res =
          round % 2 === 0
            ? await http.post('/api/commands/assign-duty', { auxiliaryId, assignmentId, dutyCodes: ['ENF_TRAFFIC'], leadingOfficerIds: ['officer-1'], effectiveDate: '2025-03-01' }, key)
            : await http.post('/api/commands/end-duty', { auxiliaryId, assignmentId, reason: 'COMPLETED', effectiveDate: '2025-03-01' }, key);
        if (res.status !== 201 && failures.length < 5) failures.push(`${auxiliaryId} ${assignmentId}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        return performance.now() - t0;
      };
      return { clients, failures, send, close: () => clients.forEach((http) => http.close()) };
    };
    const warm = sender(WARM_CLIENTS, 'w');
    const warmCpu0 = cpuMs(child.pid);
    try {
      await Promise.all(warm.clients.map(async (_, c) => {
        for (let k = 0; k < WARM_UP / WARM_CLIENTS; k++) await warm.send(c);
      }));
    } finally {
      warm.close();
    }
    if (warm.failures.length > 0) throw new Error(`B8: commands of the warm-up were not accepted:\n${warm.failures.join('\n')}`);
    const warmCpu1 = cpuMs(child.pid);
    if (warmCpu0 !== undefined && warmCpu1 !== undefined) {
      notes.push(`B8 ${label}: the API's CPU ${((warmCpu1 - warmCpu0) / WARM_UP).toFixed(2)} ms a command over its first ${WARM_UP} after start (the warm-up, ${WARM_CLIENTS} clients, unmeasured)`);
    }
    for (const n of options.clients) {
      const { clients, failures, send, close } = sender(n, 'c');
      const perClient = Math.max(1, Math.round(options.commands / options.rounds / n));
      try {
        // Not counted: every socket of this level opened (the code paths were compiled by the warm-up).
        await Promise.all(clients.map((_, c) => send(c)));
        const latencies: number[] = [];
        const fsyncLatencies: number[] = [];
        let commands = 0;
        let seconds = 0;
        let commits = 0;
        let fsyncSeconds = 0;
        const ratios: number[] = [];
        let apiCpuMs = 0;
        for (let r = 0; r < options.rounds; r++) {
          const cpu0 = cpuMs(child.pid);
          const start = performance.now();
          const round = await Promise.all(
            clients.map(async (_, c) => {
              const own: number[] = [];
              for (let k = 0; k < perClient; k++) own.push(await send(c));
              return own;
            }),
          );
          const roundSeconds = (performance.now() - start) / 1000;
          const cpu1 = cpuMs(child.pid);
          apiCpuMs += cpu0 === undefined || cpu1 === undefined ? NaN : cpu1 - cpu0;
          for (const own of round) latencies.push(...own);
          const f0 = performance.now();
          const raw = await limit.run(Math.max(50, Math.min(400, n * perClient)));
          const rawSeconds = (performance.now() - f0) / 1000;
          fsyncLatencies.push(...raw);
          commands += n * perClient;
          seconds += roundSeconds;
          commits += raw.length;
          fsyncSeconds += rawSeconds;
          ratios.push((n * perClient) / roundSeconds / (raw.length / rawSeconds));
        }
        if (failures.length > 0) throw new Error(`B8: commands were not accepted; the benchmark must measure accepted commands:\n${failures.join('\n')}`);
        rows.push({
          id: 'B8',
          scenario: `${n} HTTP client${n === 1 ? '' : 's'} at once (AssignDuty/EndDuty), ${label}`,
          rate: commands / seconds,
          unit: 'commands/s',
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
          baseline: { label: 'fsync limit: raw 1-row commits (same run)', rate: commits / fsyncSeconds, p50: percentile(fsyncLatencies, 50), p99: percentile(fsyncLatencies, 99) },
          ...(n === 16 ? { target: 1.5 } : {}),
        });
        notes.push(
          `B8 ${label}, ${n} client${n === 1 ? '' : 's'}: ${commands} commands in ${options.rounds} rounds; ratio per round ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×` +
            (Number.isNaN(apiCpuMs) ? '' : `; the API's CPU ${(apiCpuMs / commands).toFixed(2)} ms a command`) +
            (n === 16 ? `; goal p99 < 20 ms ${percentile(latencies, 99) < 20 ? '✓' : '✗'}` : ''),
        );
      } finally {
        close();
      }
    }
  } finally {
    admin.close();
    await stop(child);
    await limit.close();
  }
  return { rows, notes };
}
