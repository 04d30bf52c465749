import { existsSync } from 'node:fs';
import Table from 'cli-table3';
import { FoldedStreamCache, type RetentionRunReport, runRetention } from '@auxledger/application';
import type { RetentionReview } from '@auxledger/domain';
import { SqlitePeopleKeyStore, identityFiles, readSecret } from '@auxledger/identity';
import { CliError, UsageError } from './cli-error';
import { dateOption } from './date-option';
import { loadRegistry } from './import-command';
import { L, painter } from './lang';
import { openLog, openLogForWriting } from './open-log';
import type { Output } from './output';

export interface RetentionOptions {
  db?: string;
  dryRun?: boolean;
  on?: string;
  actor?: string;
  parameters?: string;
  peopleDb?: string;
  wrapKey?: string;
  showPersonKey?: boolean;
  json?: boolean;
}

/**
 * `auxledger retention`: how long personal data is kept after departure
 * (`personalData.retentionYearsAfterDeparture`, from the local measures of
 * `--parameters` / AUXLEDGER_PARAMETERS, else its default — labelled so).
 * `--dry-run` lists who is due and who is held, with the reason and its
 * clause, and writes nothing (the log is opened read-only; `--on` asks about
 * another day). The real run records each due person's shredding through the
 * command path (ShredPersonalData → PersonalDataShredded, hash-chained, no
 * personal data) and then erases their data key in the key store beside the
 * log (`--people-db`, `--wrap-key`, or the API's variables). Exit 1 when a
 * shredding was refused.
 */
export async function retentionCommand(options: RetentionOptions, io: Output): Promise<number> {
  dateOption('--on', options.on);
  if (!options.dryRun && options.on) throw new UsageError('ON_ONLY_IN_DRY_RUN', { zh: '--on 只用于 --dry-run：实际销毁总以今天为准', en: '--on is for --dry-run only: a real run shreds as of today' });
  if (!options.dryRun && !options.actor) throw new UsageError('ACTOR_REQUIRED', { zh: '实际销毁须以 --actor <用户> 记录操作人', en: 'a real run records who made it: --actor <user>' });
  const registry = loadRegistry(options.parameters ?? process.env['AUXLEDGER_PARAMETERS']);
  const clock = { now: () => new Date() };
  const actor = { id: options.actor ?? 'retention-dry-run', role: 'system', organId: null } as const;

  let report: RetentionRunReport;
  if (options.dryRun) {
    const store = await openLog({ db: options.db });
    try {
      report = await runRetention({ store, registry, clock }, NO_KEYS, { actor, dryRun: true, ...(options.on ? { on: options.on } : {}) });
    } finally {
      await store.close();
    }
  } else {
    const files = identityFiles(process.env, options.db ?? null);
    const keyStorePath = options.peopleDb ?? files.keyStorePath;
    const wrapKeyPath = options.wrapKey ?? files.wrapKeyPath;
    if (!existsSync(keyStorePath)) throw new CliError('KEY_STORE_NOT_FOUND', { zh: `没有数据密钥库 ${keyStorePath}（--people-db 或 AUXLEDGER_PEOPLE_DB）`, en: `no key store at ${keyStorePath} (--people-db or AUXLEDGER_PEOPLE_DB)` });
    if (!existsSync(wrapKeyPath)) throw new CliError('WRAP_KEY_NOT_FOUND', { zh: `没有封装密钥文件 ${wrapKeyPath}（--wrap-key 或 AUXLEDGER_DATA_KEY_WRAP_KEY）`, en: `no wrap-key file at ${wrapKeyPath} (--wrap-key or AUXLEDGER_DATA_KEY_WRAP_KEY)` });
    const keys = new SqlitePeopleKeyStore(keyStorePath, readSecret(wrapKeyPath, 'data-key wrap key'));
    const store = await openLogForWriting({ db: options.db });
    try {
      report = await runRetention({ store, registry, clock, cache: new FoldedStreamCache() }, keys, { actor, dryRun: false });
    } finally {
      await store.close();
      await keys.close();
    }
  }

  const refused = report.outcomes.filter((o) => o.outcome === 'REFUSED').length;
  if (options.json) {
    io.out(`${JSON.stringify(options.showPersonKey ? report : hidePersonKeys(report), null, 2)}\n`);
    return refused === 0 ? 0 : 1;
  }
  printReport(report, options.showPersonKey === true, io);
  return refused === 0 ? 0 : 1;
}

const NO_KEYS = {
  status: () => Promise.reject(new Error('a dry run reads no key')),
  shred: () => Promise.reject(new Error('a dry run shreds nothing')),
};

/** PIPL: person keys are shown only when asked for (as `history` and `audit export` do); the auxiliary ids name the records. */
function hidePersonKeys(report: RetentionRunReport): unknown {
  const hide = (r: RetentionReview) => ({ ...r, personKey: undefined });
  return { ...report, due: report.due.map(hide), held: report.held.map(hide), outcomes: report.outcomes.map((o) => ({ ...o, personKey: undefined })) };
}

function printReport(report: RetentionRunReport, showPersonKey: boolean, io: Output): void {
  const paint = painter(io.colour === true);
  const { basis } = report;
  if (basis) {
    const dflt = basis.isDefault ? L('，默认值', ', default') : '';
    io.out(`${L(`保存期限：离职后 ${basis.value} 年（参数 ${basis.parameter}${dflt}）`, `Retention: ${basis.value} years after departure (parameter ${basis.parameter}${dflt})`)}\n`);
    io.out(`${L('依据', 'Source')}: ${basis.source}\n`);
  }
  const c = report.counts;
  io.out(
    `${L(
      `截至 ${report.on}：到期 ${c.DUE} 人，暂缓 ${c.HELD} 人，保存期内 ${c.KEPT} 人，在职 ${c.IN_SERVICE} 人，未聘用 ${c.NOT_HIRED} 人，已销毁 ${c.SHREDDED} 人`,
      `As of ${report.on}: ${c.DUE} due, ${c.HELD} held, ${c.KEPT} within the period, ${c.IN_SERVICE} in service, ${c.NOT_HIRED} never hired, ${c.SHREDDED} already shredded`,
    )}\n`,
  );
  const who = (r: { personKey: string; auxiliaryIds?: string[] }) => [(r.auxiliaryIds ?? []).join(', ') || '-', ...(showPersonKey ? [r.personKey] : [])];
  const head = (...cols: string[]) => [L('辅警编号', 'Auxiliary'), ...(showPersonKey ? [L('人员密钥', 'Person key')] : []), ...cols];
  const style = { head: io.colour ? ['cyan', 'bold'] : [], border: io.colour ? ['gray'] : [], compact: true };
  if (report.due.length > 0) {
    const table = new Table({ head: head(L('最后离职', 'Last left'), L('起算日', 'Kept from'), L('到期日', 'Due on')), style });
    for (const r of report.due) table.push([...who(r), r.lastDepartedOn ?? '-', r.keptFrom ?? '-', r.dueOn ?? '-']);
    io.out(`\n${paint('bold', L('到期（个人信息将被销毁）', 'Due (their personal data is shredded)'))}\n${table.toString()}\n`);
  }
  if (report.held.length > 0) {
    const table = new Table({ head: head(L('到期日', 'Due on'), L('暂缓原因', 'Held because')), style, wordWrap: true });
    for (const r of report.held) table.push([...who(r), r.dueOn ?? '-', r.holds.map((h) => `${h.code} ${h.citationText[L('zh', 'en') as 'zh' | 'en']}: ${h.message[L('zh', 'en') as 'zh' | 'en']}`).join('\n')]);
    io.out(`\n${paint('bold', L('暂缓（仍须保存）', 'Held (still needed)'))}\n${table.toString()}\n`);
  }
  if (report.dryRun) {
    io.out(`\n${L('试运行：未写入任何记录，未销毁任何密钥', 'Dry run: nothing recorded, no key shredded')}\n`);
    return;
  }
  const done = report.outcomes.filter((o) => o.outcome !== 'REFUSED');
  io.out(`\n${L(`已销毁 ${done.length} 人的数据密钥并记入日志（PersonalDataShredded）`, `Shredded the data keys of ${done.length} people, recorded in the log (PersonalDataShredded)`)}\n`);
  for (const o of report.outcomes.filter((x) => x.outcome === 'REFUSED')) {
    io.err(`auxledger: ${o.refusal?.code}: ${o.refusal?.message.zh}\n           ${o.refusal?.message.en}\n`);
  }
}
