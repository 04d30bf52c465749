import { existsSync, readFileSync } from 'node:fs';
import { FoldedStreamCache } from '@auxledger/application';
import { SqliteEventStore } from '@auxledger/event-store';
import { type InitReport as RunReport, type InitPlan, InitInputError, planInit, runInit } from '@auxledger/history';
import { REGISTRY } from '@auxledger/statute';
import { CliError, UsageError } from './cli-error';
import type { Output } from './output';

/**
 * `auxledger init`: the first step of a fresh deployment. Registers the
 * region's organ tree from a file in the format of the region file
 * (`shared/data/inner-mongolia-organs.json`: the region, its leagues and
 * cities, their counties) — the REGION organ `nmg`, then each city and county
 * with the same ids as the demo (`hohhot`, `hohhot-01`, …) — and, with
 * `--quota`, the 用人额度 (Art. 7) of every county-level organ, set by the
 * region organ under the document `--quota-document`.
 *
 * Every organ is a RegisterOrgan and every quota a SetQuota through the real
 * command path (`executeCommand`, the same rules as the API), each with a
 * command id derived from the SHA-256 of the file's content and the organ:
 * running the same file again answers the recorded commands and writes
 * nothing new. The plan and its run are `planInit`/`runInit` of
 * libs/history — the same as `POST /api/admin/init`.
 */

export interface InitOptions {
  db?: string;
  organs?: string;
  actor?: string;
  quota?: string;
  quotaDocument?: string;
  effectiveDate?: string;
  json?: boolean;
}

export interface InitReport extends RunReport {
  file: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function initCommand(options: InitOptions, io: Output): Promise<number> {
  if (!options.db) throw new UsageError('DB_REQUIRED', { zh: '须以 --db <文件> 指定 SQLite 事件记录库（不存在则新建）', en: 'name the SQLite event log with --db <file> (created if missing)' });
  if (!options.organs) throw new UsageError('ORGANS_REQUIRED', { zh: '须以 --organs <文件> 指定机关树文件（格式同 shared/data/inner-mongolia-organs.json）', en: 'name the organ tree with --organs <file> (the format of shared/data/inner-mongolia-organs.json)' });
  if (!options.actor) throw new UsageError('ACTOR_REQUIRED', { zh: '初始化须以 --actor <用户> 记录操作人', en: 'init records who made it: --actor <user>' });
  if (!existsSync(options.organs)) throw new UsageError('NO_SUCH_FILE', { zh: `没有这个文件：${options.organs}`, en: `no such file: ${options.organs}` });
  const quota = options.quota === undefined ? null : Number(options.quota);
  if (quota !== null && !(Number.isInteger(quota) && quota >= 0 && quota <= 100_000)) {
    throw new UsageError('INVALID_QUOTA', { zh: `--quota 须为 0 至 100000 的整数，而非 ${options.quota}`, en: `--quota must be a whole number from 0 to 100000, not ${options.quota}` });
  }
  if (quota !== null && !options.quotaDocument?.trim()) {
    throw new UsageError('QUOTA_DOCUMENT_REQUIRED', { zh: '设定额度须以 --quota-document <文号> 注明依据文件', en: 'a quota is set by a document: --quota-document <reference>' });
  }
  if (options.effectiveDate !== undefined && !DATE.test(options.effectiveDate)) {
    throw new UsageError('INVALID_DATE', { zh: `--effective-date 须为 YYYY-MM-DD，而非 ${options.effectiveDate}`, en: `--effective-date must be YYYY-MM-DD, not ${options.effectiveDate}` });
  }

  let plan: InitPlan;
  try {
    const text = readFileSync(options.organs, 'utf8');
    let file: unknown;
    try {
      file = JSON.parse(text);
    } catch (error) {
      throw new InitInputError('INVALID_ORGANS_FILE', { zh: `机关树文件不是 JSON：${(error as Error).message}`, en: `the organ tree file is not JSON: ${(error as Error).message}` });
    }
    plan = planInit(file, quota === null ? null : { headcount: quota, documentRef: options.quotaDocument as string });
  } catch (error) {
    if (error instanceof InitInputError) throw new CliError(error.code, error.messages);
    throw error;
  }

  const store = new SqliteEventStore({ path: options.db });
  let report: InitReport;
  try {
    const deps = { store, registry: REGISTRY, clock: { now: () => new Date() }, cache: new FoldedStreamCache() };
    const actor = { id: options.actor, role: 'system', organId: null } as const;
    report = { file: options.organs, ...(await runInit(deps, plan, { actor, ...(options.effectiveDate !== undefined ? { effectiveDate: options.effectiveDate } : {}) })) };
  } finally {
    await store.close();
  }

  if (options.json) io.out(JSON.stringify(report, null, 2) + '\n');
  else {
    io.out(
      `机关：新登记 ${report.organs.registered} 个，此前已登记 ${report.organs.recorded} 个；额度：新设定 ${report.quotas.set} 个，此前已设定 ${report.quotas.recorded} 个\n` +
        `organs: ${report.organs.registered} registered, ${report.organs.recorded} already recorded; quotas: ${report.quotas.set} set, ${report.quotas.recorded} already recorded\n`,
    );
    for (const r of report.refused) io.err(`${r.organId}: ${r.code} — ${r.message.zh} / ${r.message.en}\n`);
  }
  return report.refused.length === 0 ? 0 : 1;
}
