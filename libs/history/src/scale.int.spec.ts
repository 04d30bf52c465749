import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SqliteEventStore } from '@auxledger/event-store';
import { type HistorySummary, generateHistory } from './generate-history';
import { loadRegionOrgans } from './load-organs';
import { scratchDir } from './scratch';

/**
 * A history of 40 000 events on SQLite: memory stays flat while it streams
 * (the generator keeps pending tasks and the working state of what is in
 * service, never the log; its rate is printed, not asserted), and
 * every kind of command of a working life shows up — all of them admitted.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

const dir = scratchDir('auxledger-history-scale');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a 40 000-event history', () => {
  let summary: HistorySummary;
  const memory: { events: number; rss: number; heap: number }[] = [];
  let secondsTo20k = 0;

  beforeAll(async () => {
    const store = new SqliteEventStore({ path: join(dir, 'scale.db') });
    const started = Date.now();
    try {
      summary = await generateHistory(store, {
        seed: 2024,
        events: 40_000,
        organs: loadRegionOrgans(),
        progressEvery: 10_000,
        onProgress: (p) => {
          if (p.eventsWritten >= 20_000 && secondsTo20k === 0) secondsTo20k = (Date.now() - started) / 1000;
          gc();
          const m = process.memoryUsage();
          memory.push({ events: p.eventsWritten, rss: m.rss, heap: m.heapUsed });
        },
      });
    } finally {
      await store.close();
    }
    const rate = Math.round(summary.eventsWritten / (summary.elapsedMs / 1000));
    console.log(`history: 20 000 events in ${secondsTo20k.toFixed(1)} s, 40 000 in ${(summary.elapsedMs / 1000).toFixed(1)} s (${rate} events/s); RSS after GC ${memory.map((m) => `${m.events}: ${mib(m.rss)} MiB`).join(', ')}`);
    // The rate is the bench's to judge, not this test's: on two busy cores 40 000 commands took 100–120 s.
  }, 300_000);

  it('keeps the heap flat between 10 000 and 40 000 events', () => {
    const at10k = memory.find((m) => m.events >= 10_000);
    const atEnd = memory[memory.length - 1];
    expect(at10k && atEnd && atEnd.events >= 40_000).toBe(true);
    if (!at10k || !atEnd) return;
    // What the generator itself holds — pending tasks and the working state, not the log — is the
    // heap after GC. RSS is only printed: in a Jest worker it also holds other suites' memory and
    // the allocator's retained pages, and moved from +50 to +109 MiB between runs of the same code.
    expect(mib(atEnd.heap - at10k.heap)).toBeLessThan(25);
  });

  it('admits every command it issues', () => {
    if (summary.commandsRefused > 0) console.log(summary.refusals);
    expect(summary.refusalsByRule).toEqual({});
  });

  it('covers a working life from recruitment to recovered credentials, and Art. 44 fines', () => {
    const issued = Object.entries(summary.commands).filter(([, c]) => c.accepted > 0).map(([type]) => type);
    expect(issued).toEqual(
      expect.arrayContaining([
        'RegisterOrgan', 'SetQuota', 'DraftRecruitmentPlan', 'ApproveRecruitmentPlan', 'FileRecruitmentPlan', 'AnnounceRecruitment', 'CloseRecruitmentPlan',
        'RegisterApplication', 'ReviewQualification', 'RecordExamResults', 'RecordRanking', 'RecordMedicalExamination', 'RecordInspection', 'CompletePublicNotice', 'FailRecruitmentStage',
        'Hire', 'EnrolInsurance', 'IssueCredential', 'RecordTraining', 'RecordQualification', 'AssignDuty', 'EndDuty', 'CompleteProbation',
        'RecordAssessment', 'Promote', 'Demote', 'Commend', 'Discipline', 'ReceiveComplaint', 'HandleComplaint', 'TellComplainant', 'DecideRecusal', 'RecordInjury',
        'Suspend', 'Reinstate', 'PayCompensation', 'Terminate', 'RecoverCredential', 'ImposeFine', 'RecordFinePayment',
        'RecordHealthCheck', 'RenewContract', 'AdjustPay',
      ]),
    );
    expect(summary.backdatedCommands).toBeGreaterThan(10);
  });
});
