import { fold } from '../kernel';
import { on } from '../testing';
import { Person, activeContractOf, personContractEnded, personContractRenewed, personContractStarted, personFacts, serviceHistoryFacts } from './person';

const started = (contractId: string, organId: string, startDate: string) => on(startDate, personContractStarted({ personKey: 'pk-1', contractId, auxiliaryId: `aux-${contractId}`, organId, startDate }));
const ended = (contractId: string, organId: string, endedOn: string, reason: 'ABANDONMENT' | 'RESIGNATION') =>
  on(endedOn, personContractEnded({ personKey: 'pk-1', contractId, auxiliaryId: `aux-${contractId}`, organId, endedOn, reason }));

describe('Person registry (PERSON-UNIQUE, Art. 23 (6))', () => {
  it('an empty stream: unknown, no contract, no history', () => {
    const s = fold(Person, []);
    expect(s.status).toBe('UNKNOWN');
    expect(personFacts(s)).toEqual({ activeContractIds: [] });
    expect(serviceHistoryFacts(s)).toEqual([]);
  });

  it('a contract started: serving, one active contract', () => {
    const s = fold(Person, [started('c-1', 'baotou', '2021-03-01')]);
    expect(s.status).toBe('SERVING');
    expect(personFacts(s)).toEqual({ activeContractIds: ['c-1'] });
  });

  it('a contract ended: not serving, the service in the history with its reason', () => {
    const s = fold(Person, [started('c-1', 'baotou', '2021-03-01'), ended('c-1', 'baotou', '2022-05-01', 'ABANDONMENT')]);
    expect(s.status).toBe('NOT_SERVING');
    expect(personFacts(s)).toEqual({ activeContractIds: [] });
    expect(serviceHistoryFacts(s)).toEqual([{ organId: 'baotou', endedOn: '2022-05-01', reason: 'ABANDONMENT', auxiliaryId: 'aux-c-1', contractId: 'c-1' }]);
    // As of a date: only the services ended by then.
    expect(serviceHistoryFacts(s, '2022-04-30')).toEqual([]);
    expect(serviceHistoryFacts(s, '2022-05-01')).toHaveLength(1);
  });

  it('serving again after an earlier service keeps the history', () => {
    const s = fold(Person, [started('c-1', 'baotou', '2021-03-01'), ended('c-1', 'baotou', '2022-05-01', 'RESIGNATION'), started('c-2', 'xincheng', '2025-01-02')]);
    expect(s.status).toBe('SERVING');
    expect(personFacts(s)).toEqual({ activeContractIds: ['c-2'] });
    expect(serviceHistoryFacts(s)).toHaveLength(1);
  });

  it('a contract renewed: still serving one active contract, the new one; no service ended', () => {
    const renewed = on('2024-09-01', personContractRenewed({ personKey: 'pk-1', auxiliaryId: 'aux-c-1', organId: 'baotou', previousContractId: 'c-1', contractId: 'c-1b', startDate: '2024-03-01' }));
    const s = fold(Person, [started('c-1', 'baotou', '2021-03-01'), renewed]);
    expect(personFacts(s)).toEqual({ activeContractIds: ['c-1b'] });
    expect(activeContractOf(s, 'c-1b')).toEqual({ contractId: 'c-1b', auxiliaryId: 'aux-c-1', organId: 'baotou', startDate: '2024-03-01' });
    expect(serviceHistoryFacts(s)).toEqual([]);
    const thenEnded = fold(Person, [started('c-1', 'baotou', '2021-03-01'), renewed, ended('c-1b', 'baotou', '2025-05-01', 'ABANDONMENT')]);
    expect(thenEnded.status).toBe('NOT_SERVING');
    expect(fold(Person, [renewed]).status).toBe('UNKNOWN');
  });

  it('replays are idempotent: a contract started twice counts once; ending one not active changes nothing', () => {
    const twice = fold(Person, [started('c-1', 'baotou', '2021-03-01'), started('c-1', 'baotou', '2021-03-01')]);
    expect(personFacts(twice)).toEqual({ activeContractIds: ['c-1'] });
    const stray = fold(Person, [ended('c-9', 'baotou', '2022-05-01', 'RESIGNATION')]);
    expect(stray.status).toBe('UNKNOWN');
  });
});
