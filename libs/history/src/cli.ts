/**
 * Writes a generated history into a SQLite event log:
 *
 *   node -r @swc-node/register libs/history/src/cli.ts --db ./data/demo.db --seed 1 --events 100000
 *
 * Options: --headcount N (total quota; default scaled from --events), --start YYYY-MM-DD,
 * --organs PATH (default shared/data/inner-mongolia-organs.json), --via-tmpfs (write in
 * /dev/shm, where fsync costs nothing, then move the finished file to --db), --verify
 * (walk the hash chain afterwards), --durable (commit each command with synchronous=FULL, as the API does;
 * by default the new file is written as a bulk load: one COMMIT per 1 000 commands, synchronous=OFF, the
 * same log), --parameters-out PATH (write the demo local measures the
 * history was judged by, for the API's AUXLEDGER_PARAMETERS), --without-identities (applicants by
 * client-made keys, no names), --folded-streams N (streams whose folded state the command path
 * keeps between commands, default 60 000; 0: every command re-reads and folds its streams),
 * --folded-events N (events folded into those kept states at most, default 500 000: the cache's memory bound), --quiet.
 *
 * By default applicants register with demo identities (a plausible name and a valid 公民身份号码,
 * from the seed), sealed by a vault beside the log in the files the API reads (<name>.person-key.key,
 * <name>.wrap.key, <name>.people.db; the person-key secret and data keys derived from the seed, so
 * the same seed gives the same log): the roster shows names.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SqliteEventStore, digestLog, verifyLog } from '@auxledger/event-store';
import { demoLocalMeasures } from './demo-registry';
import { generateHistory } from './generate-history';
import { openDemoVault } from './identities';
import { loadRegionOrgans } from './load-organs';
import type { HistoryProgress } from './simulation';

const USAGE = 'usage: cli.ts --db PATH [--seed N] [--events N] [--headcount N] [--start YYYY-MM-DD] [--organs PATH] [--via-tmpfs] [--durable] [--verify] [--parameters-out PATH] [--without-identities] [--folded-streams N] [--folded-events N] [--quiet]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      seed: { type: 'string', default: '1' },
      events: { type: 'string', default: '100000' },
      headcount: { type: 'string' },
      start: { type: 'string' },
      organs: { type: 'string' },
      'via-tmpfs': { type: 'boolean', default: false },
      durable: { type: 'boolean', default: false },
      verify: { type: 'boolean', default: false },
      'parameters-out': { type: 'string' },
      'without-identities': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      'folded-streams': { type: 'string' },
      'folded-events': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.db) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const seed = Number(values.seed);
  const events = Number(values.events);
  const headcount = values.headcount === undefined ? undefined : Number(values.headcount);
  if (!Number.isInteger(seed) || !Number.isInteger(events) || events < 1 || (headcount !== undefined && !(headcount >= 1))) {
    process.stderr.write(`--seed and --events are whole numbers (events ≥ 1)\n${USAGE}\n`);
    return 2;
  }
  const target = resolve(values.db);
  if (existsSync(target) && statSync(target).size > 0) {
    process.stderr.write(`${target} exists: a history is written into a new log (remove the file first)\n`);
    return 2;
  }
  mkdirSync(dirname(target), { recursive: true });
  const scratch = values['via-tmpfs'] ? mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'auxledger-history-')) : null;
  const path = scratch ? join(scratch, basename(target)) : target;

  // A new file nobody opens before it is whole: a bulk load (the same rows; a failed run leaves a file to remove).
  const store = new SqliteEventStore({ path, ...(values.durable ? {} : { bulkLoad: { commitEvery: 1000 } }) });
  // The vault beside the log's final place: the API started on --db finds it there.
  const demoVault = values['without-identities'] ? null : openDemoVault(target, seed);
  let last = 0;
  const started = Date.now();
  const onProgress = (p: HistoryProgress) => {
    const now = Date.now();
    if (values.quiet || (now - last < 200 && p.eventsWritten < p.targetEvents)) return;
    last = now;
    const share = Math.min(1, p.eventsWritten / p.targetEvents);
    const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
    const rate = Math.round(p.eventsWritten / Math.max(0.001, (now - started) / 1000));
    process.stderr.write(
      `\r[${bar}] ${(share * 100).toFixed(0).padStart(3)}% ${p.eventsWritten.toLocaleString('en')}/${p.targetEvents.toLocaleString('en')} events · ${rate.toLocaleString('en')} ev/s · ${p.simulatedDate} · ${p.activeAuxiliaries} in service · refused ${p.commandsRefused}  `,
    );
  };
  try {
    const summary = await generateHistory(store, {
      seed,
      events,
      organs: loadRegionOrgans(values.organs),
      ...(headcount !== undefined ? { headcount } : {}),
      ...(values.start ? { start: values.start } : {}),
      onProgress,
      ...(demoVault ? { identities: demoVault.vault } : {}),
      migratedOrgan: true,
      ...(values['folded-streams'] !== undefined ? { foldedStreams: Number(values['folded-streams']) } : {}),
      ...(values['folded-events'] !== undefined ? { foldedEvents: Number(values['folded-events']) } : {}),
      progressEvery: Math.max(100, Math.min(5000, Math.round(events / 200))),
    });
    // The process's peak resident set so far (getrusage), not a sample.
    const peakRss = process.resourceUsage().maxRSS * 1024;
    const cpu = process.cpuUsage();
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    if (!values.quiet) process.stderr.write('\n');
    const out: string[] = [];
    out.push(`seed ${summary.seed} · ${summary.eventsWritten.toLocaleString('en')} events (and ${summary.commandsAccepted.toLocaleString('en')} claims of command ids) · ${summary.commandsAccepted.toLocaleString('en')} commands accepted, ${summary.commandsRefused} refused · ${summary.backdatedCommands} back-dated`);
    out.push(`simulated ${summary.firstDate} … ${summary.lastDate} · ${summary.organs.registered} organs (${summary.organs.counties} county-level in service, ${summary.organs.usingAuxiliaries} using auxiliaries) · headcount ${summary.headcount} · ${summary.auxiliariesActive} in service at the end`);
    out.push(
      `${(summary.elapsedMs / 1000).toFixed(1)} s · ${Math.round(summary.eventsWritten / (summary.elapsedMs / 1000)).toLocaleString('en')} events/s · ` +
        `CPU ${cpuSeconds.toFixed(1)} s, ${Math.round(summary.eventsWritten / cpuSeconds).toLocaleString('en')} events per CPU second · peak RSS ${Math.round(peakRss / 2 ** 20)} MiB`,
    );
    out.push('', 'commands (accepted / refused):');
    for (const [type, c] of Object.entries(summary.commands)) out.push(`  ${type.padEnd(28)} ${String(c.accepted).padStart(9)}${c.refused ? ` / ${c.refused}` : ''}`);
    if (summary.commandsRefused > 0) {
      out.push('', 'refusals by rule:');
      for (const [rule, n] of Object.entries(summary.refusalsByRule)) out.push(`  ${rule.padEnd(36)} ${n}`);
      for (const r of summary.refusals.slice(0, 10)) out.push(`  ${r.effectiveDate} ${r.commandType} ${r.commandId}: ${r.message}`);
    }
    await store.close();
    await demoVault?.close();
    if (scratch) copyFileSync(path, target);
    const check = new SqliteEventStore({ path: target });
    try {
      if (values.verify) {
        const report = await verifyLog(check);
        out.push('', `verify: ${report.ok ? 'ok' : 'BROKEN'} · ${report.eventsChecked} events, ${report.streamsChecked} streams · digest ${report.checkpoint.digest}`);
        if (!report.ok) out.push(`  first break: ${report.firstBreak?.message}`);
      } else {
        const checkpoint = await digestLog(check);
        out.push('', `log digest ${checkpoint.digest} at position ${checkpoint.position}`);
      }
    } finally {
      await check.close();
    }
    out.push(`written to ${target}`);
    if (demoVault) out.push(`demo identities sealed in ${demoVault.keyStorePath} (the secrets beside it are derived from the seed: a demo's, never for real people)`);
    if (values['parameters-out']) {
      const file = resolve(values['parameters-out']);
      writeFileSync(file, `${JSON.stringify(demoLocalMeasures(), null, 2)}\n`);
      out.push(`local measures it was judged by (demo pay standards) written to ${file}: start the API with AUXLEDGER_PARAMETERS=${values['parameters-out']}`);
    }
    process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  } finally {
    await demoVault?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
