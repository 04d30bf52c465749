import { RecruitmentApplication, type AuxiliaryEvent, Organ, Person, streamIdOf, toAuxiliaryStreamId } from '@auxledger/domain';
import type { EventStore, RecordedEvent } from '@auxledger/event-store';
import { summarize } from '@auxledger/read-models';
import type { Bilingual } from '@auxledger/statute';
import { CliError } from './cli-error';
import { dateOption } from './date-option';
import { type LogLocation, openLog } from './open-log';
import { L } from './lang';
import type { Output } from './output';

/**
 * `auxledger history <auxiliaryId>`: one auxiliary's whole timeline, read from
 * the log itself (no read model: it works on a copy of the database). The
 * streams read:
 * - `auxiliary-<id>`: every event of the working life (聘用 … 离职);
 * - from `AuxiliaryHired`, the streams the hire wrote to as well:
 *   `application-<applicationId>` (the recruitment stages, Art. 20, that led
 *   to the hire), and the events of `person-<personKey>` (contracts) and
 *   `organ-<usingOrganId>` (用人额度 places) that name this auxiliary.
 * Refused commands are not here (they would need a scan of the whole log):
 * `audit export --person <auxiliaryId>` lists them.
 */

export interface HistoryEntry {
  effectiveDate: string;
  recordedAt: string;
  eventType: string;
  streamId: string;
  globalPosition: number;
  actor: { id: string; role: string | null; organId: string | null };
  commandId: string;
  ruleSetRevision: string | null;
  summary: Bilingual;
}

export interface AuxiliaryHistory {
  auxiliaryId: string;
  /** Shown only with `--show-person-key` (PIPL: the salted key still identifies a natural person across records). */
  personKey: string | null;
  asOf: string | null;
  entries: HistoryEntry[];
}

const HIDDEN = '(hidden)';

export async function historyCommand(
  auxiliaryId: string,
  options: LogLocation & { asOf?: string; json?: boolean; showPersonKey?: boolean },
  io: Output,
): Promise<number> {
  const asOf = dateOption('--as-of', options.asOf) ?? null;
  const store = await openLog(options);
  let history: AuxiliaryHistory;
  try {
    history = await readHistory(store, auxiliaryId, { asOf, showPersonKey: options.showPersonKey === true });
  } finally {
    await store.close();
  }
  if (options.json) {
    io.out(`${JSON.stringify(history, null, 2)}\n`);
    return 0;
  }
  io.out(
    L(
      `辅警 ${auxiliaryId}${history.personKey ? `，人员密钥 ${history.personKey}` : ''}：${history.entries.length} 条记录${asOf ? `（生效日期不晚于 ${asOf}）` : ''}\n`,
      `auxiliary ${auxiliaryId}${history.personKey ? `, person key ${history.personKey}` : ''}: ${history.entries.length} entries${asOf ? ` effective on or before ${asOf}` : ''}\n`,
    ),
  );
  io.out(
    L(
      '生效日期    记录时间                   事件类型                      经办人（角色@机关）               指令编号\n',
      'effective   recorded at                event type                    actor (role@organ)                command id\n',
    ),
  );
  for (const e of history.entries) {
    const actor = `${e.actor.id} (${e.actor.role ?? '-'}${e.actor.organId ? `@${e.actor.organId}` : ''})`;
    io.out(`${e.effectiveDate}  ${e.recordedAt.padEnd(25)}  ${e.eventType.padEnd(28)}  ${actor.padEnd(32)}  ${e.commandId}\n`);
    io.out(`            ${L(e.summary.zh, e.summary.en)}  [${e.streamId}]\n`);
  }
  return 0;
}

export async function readHistory(
  store: EventStore,
  auxiliaryId: string,
  options: { asOf: string | null; showPersonKey: boolean },
): Promise<AuxiliaryHistory> {
  const own = await store.readStream(toAuxiliaryStreamId(auxiliaryId));
  const hired = own.find((e) => e.type === 'AuxiliaryHired');
  if (!hired) {
    throw new CliError('AUXILIARY_NOT_FOUND', { zh: `记录库中没有辅警 ${auxiliaryId} 的聘用记录`, en: `The log holds no hire of auxiliary ${auxiliaryId}` });
  }
  const { personKey, applicationId, usingOrganId } = hired.data as { personKey: string; applicationId: string; usingOrganId: string };
  const namesThisAuxiliary = (e: RecordedEvent) => e.data['auxiliaryId'] === auxiliaryId;
  const related = [
    ...(await store.readStream(streamIdOf(RecruitmentApplication, applicationId))),
    ...(await store.readStream(streamIdOf(Person, personKey))).filter(namesThisAuxiliary),
    ...(await store.readStream(streamIdOf(Organ, usingOrganId))).filter(namesThisAuxiliary),
  ];
  const entries = [...own, ...related]
    .filter((e) => options.asOf === null || e.metadata.effectiveDate <= options.asOf)
    .sort((a, b) => (a.metadata.effectiveDate < b.metadata.effectiveDate ? -1 : a.metadata.effectiveDate > b.metadata.effectiveDate ? 1 : a.globalPosition - b.globalPosition))
    .map((e) => toEntry(e, options.showPersonKey ? null : personKey));
  return { auxiliaryId, personKey: options.showPersonKey ? personKey : null, asOf: options.asOf, entries };
}

function toEntry(event: RecordedEvent, hiddenPersonKey: string | null): HistoryEntry {
  const m = event.metadata;
  return {
    effectiveDate: m.effectiveDate,
    recordedAt: m.recordedAt,
    eventType: event.type,
    streamId: hiddenPersonKey !== null && event.streamId === streamIdOf(Person, hiddenPersonKey) ? streamIdOf(Person, HIDDEN) : event.streamId,
    globalPosition: event.globalPosition,
    actor: { id: m.actor.id, role: m.actor.role ?? null, organId: m.actor.organId ?? null },
    commandId: m.commandId,
    ruleSetRevision: m.ruleSetRevision,
    summary: event.streamId.startsWith('auxiliary-') ? summarize({ type: event.type, schemaVersion: event.schemaVersion, data: event.data } as AuxiliaryEvent) : OTHER_SUMMARY[event.type] ?? { zh: event.type, en: event.type },
  };
}

/** The events of the related streams, in a line each: dates and outcomes only, no applicant's data. */
const OTHER_SUMMARY: Readonly<Record<string, Bilingual>> = {
  ApplicationRegistered: { zh: '报名登记', en: 'Application registered' },
  QualificationReviewPassed: { zh: '资格审查通过', en: 'Qualification review passed' },
  ExamsPassed: { zh: '考试合格', en: 'Exams passed' },
  MedicalExaminationPassed: { zh: '体检合格', en: 'Medical examination passed' },
  InspectionPassed: { zh: '考察合格', en: 'Inspection passed' },
  PublicNoticeCompleted: { zh: '公示期满', en: 'Public notice completed' },
  RecruitmentStageFailed: { zh: '招聘环节未通过', en: 'A recruitment stage failed' },
  ApplicantHired: { zh: '报名人被聘用', en: 'Applicant hired' },
  PersonContractStarted: { zh: '劳动合同开始', en: 'Labour contract started' },
  PersonContractEnded: { zh: '劳动合同终止', en: 'Labour contract ended' },
  QuotaPlaceTaken: { zh: '占用用人额度', en: 'A quota place taken' },
  QuotaPlaceReleased: { zh: '释放用人额度', en: 'A quota place released' },
};

