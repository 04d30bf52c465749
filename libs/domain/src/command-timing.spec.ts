import * as domain from './index';
import { COMMAND_TIMING } from './command-timing';

const isCommandHandler = (x: unknown): x is { commandType: string } =>
  typeof x === 'object' && x !== null && typeof (x as { commandType?: unknown }).commandType === 'string' && typeof (x as { decide?: unknown }).decide === 'function';

describe('the timing of every command (what its effective date means)', () => {
  const handlerTypes = Object.values(domain as Record<string, unknown>).filter(isCommandHandler).map((h) => h.commandType).sort();

  it('names every command handler of the domain, and no other command', () => {
    expect(handlerTypes.length).toBeGreaterThanOrEqual(45);
    expect(Object.keys(COMMAND_TIMING).sort()).toEqual(handlerTypes);
  });

  it('records examinations, completions and decisions as what happened, and hires and postings as what takes effect', () => {
    expect([COMMAND_TIMING['RecordMedicalExamination'], COMMAND_TIMING['RecordTraining'], COMMAND_TIMING['Discipline']]).toEqual(['HAPPENED', 'HAPPENED', 'HAPPENED']);
    expect([COMMAND_TIMING['Hire'], COMMAND_TIMING['AssignDuty'], COMMAND_TIMING['Terminate']]).toEqual(['TAKES_EFFECT', 'TAKES_EFFECT', 'TAKES_EFFECT']);
  });
});
