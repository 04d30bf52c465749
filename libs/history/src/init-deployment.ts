import { createHash } from 'node:crypto';
import { type CommandOutcome, type ExecutorDependencies, executeCommand, prepareCommand } from '@auxledger/application';
import { type Actor, type RegisterOrgan, type SetQuota, registerOrgan, setQuota } from '@auxledger/domain';
import { REGION_ORGAN_ID, type RegionOrgansFile, citiesOf } from './organs-file';

/**
 * The first start of a fresh deployment, planned from a region organ file (the format of
 * `shared/data/inner-mongolia-organs.json`) and run through the command path: the REGION organ `nmg`, each
 * city and county with the demo's ids (`hohhot`, `hohhot-01`, …), then — with a quota — the 用人额度
 * (Art. 7) of every county-level organ, set by the region organ under one document. `auxledger init` and
 * `POST /api/admin/init` both plan and run it here.
 *
 * Every command id is derived from the SHA-256 of the file's content (its canonical JSON, so the CLI reading
 * the file and a browser sending it get the same ids) and the organ: sending the same file again answers the
 * recorded commands and writes nothing new.
 */

export interface InitQuota {
  /** The headcount of every county-level organ (0 to 100 000). */
  headcount: number;
  /** The approving document (批准文件). */
  documentRef: string;
}

export type PlannedInitCommand =
  | { type: 'RegisterOrgan'; commandId: string; organId: string; data: RegisterOrgan['data'] }
  | { type: 'SetQuota'; commandId: string; organId: string; data: SetQuota['data'] };

export interface InitPlan {
  /** SHA-256 of the file's canonical JSON. */
  sha256: string;
  /** The organs first (parents before children), then the quotas. */
  commands: PlannedInitCommand[];
  organs: number;
  quotas: number;
}

export interface InitReport {
  sha256: string;
  organs: { registered: number; recorded: number };
  quotas: { set: number; recorded: number };
  refused: Array<{ commandId: string; organId: string; code: string; message: { zh: string; en: string } }>;
}

type Bilingual = { zh: string; en: string };

/** A file or option the plan cannot be made from: the code and the message in both languages. */
export class InitInputError extends Error {
  constructor(
    readonly code: 'INVALID_ORGANS_FILE' | 'INVALID_QUOTA' | 'QUOTA_DOCUMENT_REQUIRED',
    readonly messages: Bilingual,
  ) {
    super(messages.en);
  }
}

/** The file's canonical content digest: the same for the same JSON whatever its whitespace. */
export function initFileDigest(file: unknown): string {
  return createHash('sha256').update(JSON.stringify(file)).digest('hex');
}

/** The ordered commands a region file asks for, with their deterministic ids; nothing is read or written. */
export function planInit(file: unknown, quota: InitQuota | null = null): InitPlan {
  if (quota !== null) {
    if (!(Number.isInteger(quota.headcount) && quota.headcount >= 0 && quota.headcount <= 100_000)) {
      throw new InitInputError('INVALID_QUOTA', { zh: `额度须为 0 至 100000 的整数，而非 ${String(quota.headcount)}`, en: `the quota must be a whole number from 0 to 100000, not ${String(quota.headcount)}` });
    }
    if (typeof quota.documentRef !== 'string' || !quota.documentRef.trim()) {
      throw new InitInputError('QUOTA_DOCUMENT_REQUIRED', { zh: '设定额度须注明依据文件（文号）', en: 'a quota is set by a document: name its reference' });
    }
  }
  let cities: ReturnType<typeof citiesOf>;
  let region: RegionOrgansFile['region'];
  try {
    if (file === null || typeof file !== 'object') throw new Error('organs file: expected a JSON object');
    region = (file as RegionOrgansFile).region;
    cities = citiesOf(file as RegionOrgansFile);
    const names = [region.organ, ...cities.flatMap((c) => [c.organ, ...c.counties.map((k) => k.organ)])];
    if (names.some((n) => typeof n !== 'string' || !n.trim() || n.length > 200)) throw new Error('organs file: every organ has a name (at most 200 characters)');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new InitInputError('INVALID_ORGANS_FILE', { zh: `机关树文件无法读取：${why}`, en: `the organ tree file cannot be read: ${why}` });
  }
  const sha256 = initFileDigest(file);
  const idOf = (kind: 'organ' | 'quota', organId: string) => `init-${sha256.slice(0, 32)}-${kind}-${organId}`;
  const organ = (data: RegisterOrgan['data']): PlannedInitCommand => ({ type: 'RegisterOrgan', commandId: idOf('organ', data.organId), organId: data.organId, data });
  const organs: PlannedInitCommand[] = [
    organ({ organId: REGION_ORGAN_ID, name: region.organ, level: 'REGION', kind: 'PUBLIC_SECURITY', parentId: null }),
    ...cities.flatMap((city) => [
      organ({ organId: city.id, name: city.organ, level: 'CITY', kind: 'PUBLIC_SECURITY', parentId: REGION_ORGAN_ID }),
      ...city.counties.map((county) => organ({ organId: county.id, name: county.organ, level: 'COUNTY', kind: 'PUBLIC_SECURITY', parentId: city.id })),
    ]),
  ];
  const quotas: PlannedInitCommand[] =
    quota === null
      ? []
      : cities.flatMap((city) =>
          city.counties.map((county) => ({
            type: 'SetQuota' as const,
            commandId: idOf('quota', county.id),
            organId: county.id,
            data: { organId: county.id, category: null, headcount: quota.headcount, documentRef: quota.documentRef.trim(), setByOrganId: REGION_ORGAN_ID },
          })),
        );
  return { sha256, commands: [...organs, ...quotas], organs: organs.length, quotas: quotas.length };
}

export interface RunInitOptions {
  actor: Actor;
  /** The effective date of every command; absent: today in China. */
  effectiveDate?: string;
  /** After each command: how many are done. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Runs a plan through `executeCommand` (the same rules as every command endpoint), one command after the
 * other; the quotas only when every organ was registered. A refused command is reported, never thrown.
 */
export async function runInit(deps: ExecutorDependencies, plan: InitPlan, options: RunInitOptions): Promise<InitReport> {
  const report: InitReport = { sha256: plan.sha256, organs: { registered: 0, recorded: 0 }, quotas: { set: 0, recorded: 0 }, refused: [] };
  let done = 0;
  for (const planned of plan.commands) {
    if (planned.type === 'SetQuota' && report.refused.length > 0) break;
    const input = { commandId: planned.commandId, actor: options.actor, ...(options.effectiveDate !== undefined ? { effectiveDate: options.effectiveDate } : {}) };
    const outcome =
      planned.type === 'RegisterOrgan'
        ? await executeCommand(deps, registerOrgan, prepareCommand<RegisterOrgan>({ ...input, type: 'RegisterOrgan', data: planned.data }, deps.clock).command)
        : await executeCommand(deps, setQuota, prepareCommand<SetQuota>({ ...input, type: 'SetQuota', data: planned.data }, deps.clock).command);
    const counts = planned.type === 'RegisterOrgan' ? report.organs : report.quotas;
    if (outcome.status === 'accepted') {
      if (outcome.replayed) counts.recorded += 1;
      else if ('registered' in counts) counts.registered += 1;
      else counts.set += 1;
    } else {
      report.refused.push({ commandId: planned.commandId, organId: planned.organId, code: outcome.refusal.kind === 'STATE' ? outcome.refusal.code : 'REFUSED_BY_STATUTE', message: refusalMessage(outcome) });
    }
    options.onProgress?.((done += 1), plan.commands.length);
  }
  return report;
}

function refusalMessage(outcome: Exclude<CommandOutcome, { status: 'accepted' }>): Bilingual {
  const refusal = outcome.refusal;
  if (refusal.kind === 'STATE') return refusal.message;
  const violations = refusal.judgement.violations;
  return { zh: violations.map((v) => `${v.citationText.zh}：${v.message.zh}`).join('；'), en: violations.map((v) => `${v.citationText.en}: ${v.message.en}`).join('; ') };
}
