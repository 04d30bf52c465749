import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { type RecordedEvent, SqliteEventStore, digestLog, verifyLog } from '@auxledger/event-store';
import { type SealedData, validateNationalId } from '@auxledger/domain';
import { generateHistory } from './generate-history';
import { giveIdentity, openDemoVault } from './identities';
import { demoIdentity } from './demo-identities';
import type { PersonWork } from './people';
import { loadRegionOrgans } from './load-organs';
import { scratchDir } from './scratch';

/**
 * Demo identities in a generated history (issue 10 item 6): applicants
 * register through RegisterApplicant with a sealed identity and the person
 * key the vault made; the roster's people have names; the same seed gives the
 * same log, byte for byte (the demo's secrets come from the seed).
 */
const organs = loadRegionOrgans();
const dir = scratchDir('auxledger-history-identities');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function generate(name: string, seed: number) {
  const path = join(dir, `${name}.db`);
  const store = new SqliteEventStore({ path });
  const demo = openDemoVault(path, seed);
  await generateHistory(store, { seed, events: 1500, organs, identities: demo.vault });
  const events: RecordedEvent[] = [];
  for (let batch = await store.readAll({ after: 0, maxCount: 5000 }); batch.length > 0; batch = await store.readAll({ after: events[events.length - 1]?.globalPosition ?? 0, maxCount: 5000 })) events.push(...batch);
  return { store, demo, events, digest: (await digestLog(store)).digest };
}

describe('generateHistory with demo identities', () => {
  let a: Awaited<ReturnType<typeof generate>>;
  let again: Awaited<ReturnType<typeof generate>>;
  beforeAll(async () => {
    a = await generate('a', 7);
    await a.demo.close();
    again = await generate('a-again', 7);
  }, 240_000);
  afterAll(async () => {
    await a?.store.close();
    await again?.store.close();
    await again?.demo.close();
  });

  it('registers every applicant with a sealed identity under a server-made key, in the same append', () => {
    const registered = again.events.filter((e) => e.type === 'ApplicationRegistered');
    expect(registered.length).toBeGreaterThan(20);
    for (const e of registered) expect(String(e.data['personKey'])).toMatch(/^pkh-[0-9a-f]{64}$/);
    const identities = again.events.filter((e) => e.type === 'PersonIdentityRecorded' || e.type === 'PersonIdentityConfirmed');
    expect(identities.length).toBe(registered.length);
    const hired = again.events.filter((e) => e.type === 'AuxiliaryHired');
    expect(hired.length).toBeGreaterThan(0);
    for (const e of hired) expect(String(e.data['personKey'])).toMatch(/^pkh-/);
  });

  it('opens each identity to a plausible name and a valid 公民身份号码 of Inner Mongolia, the declared birth date', async () => {
    const recorded = again.events.filter((e) => e.type === 'PersonIdentityRecorded').slice(0, 25);
    const reader = { keyId: 'spec', role: 'admin', organId: null };
    for (const e of recorded) {
      const personKey = String(e.data['personKey']);
      const record = await again.demo.vault.readClear(personKey, e.data['sealed'] as unknown as SealedData, reader, new Date(), ['name', 'idNumber', 'birthDate', 'gender'], 'spec: the demo identities');
      if (record === 'SHREDDED') throw new Error('a demo identity is shredded');
      expect(record.name).toMatch(/^\p{Script=Han}{2,6}$/u);
      expect(record.idNumber).toMatch(/^15\d{15}[\dX]$/);
      expect(validateNationalId(record.idNumber as string, { birthDate: record.birthDate as string, gender: record.gender as 'MALE' | 'FEMALE', on: '2030-01-01' }).ok).toBe(true);
    }
    const names = new Set<string>();
    for (const e of recorded) {
      const m = await again.demo.vault.readMasked(String(e.data['personKey']), e.data['sealed'] as unknown as SealedData, reader, new Date());
      if (m !== 'SHREDDED') names.add(m.name);
    }
    expect(names.size).toBeGreaterThan(15);
  });

  it('gives the same log for the same seed (its digest), and the log verifies', async () => {
    expect(again.digest).toBe(a.digest);
    expect((await verifyLog(again.store)).ok).toBe(true);
  });
});

describe('giveIdentity', () => {
  it('gives each person a 公民身份号码 no one else in the history has, though people born on one day draw the same ones', async () => {
    const path = join(dir, 'unique.db');
    const demo = openDemoVault(path, 3);
    try {
      const birthDate = '1998-06-15';
      const drawn = Array.from({ length: 1500 }, (_, i) => demoIdentity(3, i, birthDate).idNumber);
      // Not vacuous: 1 500 people born on one day draw some numbers twice (11 500 a sex).
      expect(new Set(drawn).size).toBeLessThan(drawn.length);
      const taken = new Set<string>();
      const people: PersonWork[] = [];
      for (let i = 0; i < 1500; i++) {
        const person: PersonWork = { key: '', birthDate, profile: { nationality: 'CN', education: 'BACHELOR', educationRelaxation: null }, history: [] };
        await giveIdentity(demo.vault, 3, i, person, '2025-01-02', taken);
        people.push(person);
      }
      expect(taken.size).toBe(1500);
      expect(new Set(people.map((p) => p.key)).size).toBe(1500);
      for (const idNumber of taken) expect([idNumber, validateNationalId(idNumber, { birthDate, on: '2025-01-02' }).ok]).toEqual([idNumber, true]);
    } finally {
      await demo.close();
    }
  }, 120_000);
});
