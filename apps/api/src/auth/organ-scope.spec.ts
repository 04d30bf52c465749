import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Auxiliary, Organ, streamIdOf } from '@auxledger/domain';
import { type EventStore, SqliteEventStore } from '@auxledger/event-store';
import { pastEvents } from '@auxledger/event-store/testing';
import { OrganScope } from './organ-scope';
import type { Principal } from './principal';

/** What `OrganScope` reads: each record's organ and each organ's parent, from first events — once. */
describe('OrganScope keeps what first events say', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-organ-scope-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const operator: Principal = { keyId: 'k', name: 'operator', role: 'operator', organIds: ['hohhot'] };
  const organ = (organId: string, parentId: string | null) =>
    pastEvents([['2024-09-01', { type: 'OrganRegistered', schemaVersion: 1, data: { organId, parentId } }]]);
  const hired = (auxiliaryId: string, usingOrganId: string) =>
    pastEvents([['2024-10-01', { type: 'AuxiliaryHired', schemaVersion: 1, data: { auxiliaryId, usingOrganId } }]]);

  it('reads a record and the organs above it once; a record not yet on file is read again and found once created', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'scope.db') });
    await store.appendToStream(streamIdOf(Organ, 'nmg'), organ('nmg', null), 'no_stream');
    await store.appendToStream(streamIdOf(Organ, 'hohhot'), organ('hohhot', 'nmg'), 'no_stream');
    await store.appendToStream(streamIdOf(Organ, 'xincheng'), organ('xincheng', 'hohhot'), 'no_stream');
    await store.appendToStream(streamIdOf(Auxiliary, 'aux-1'), hired('aux-1', 'xincheng'), 'no_stream');
    const reads: string[] = [];
    // The real store, its reads counted.
    const counted: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStream: (streamId: string, options?: Parameters<EventStore['readStream']>[1]) => {
        reads.push(streamId);
        return store.readStream(streamId, options);
      },
    });
    const scope = new OrganScope(counted);

    expect(await scope.authorize(operator, { auxiliaryId: 'aux-1' })).toBe('hohhot');
    expect(reads).toEqual([streamIdOf(Auxiliary, 'aux-1'), streamIdOf(Organ, 'xincheng')]);
    reads.length = 0;
    expect(await scope.authorize(operator, { auxiliaryId: 'aux-1' })).toBe('hohhot');
    expect(await scope.pathUp({ auxiliaryId: 'aux-1' }, 'nmg')).toEqual(['xincheng', 'hohhot', 'nmg']);
    // pathUp read hohhot's parent, not yet kept; nothing else was read again.
    expect(reads).toEqual([streamIdOf(Organ, 'hohhot')]);

    reads.length = 0;
    await expect(scope.authorize(operator, { auxiliaryId: 'aux-2' })).rejects.toMatchObject({ code: 'RECORD_NOT_FOUND' });
    await store.appendToStream(streamIdOf(Auxiliary, 'aux-2'), hired('aux-2', 'xincheng'), 'no_stream');
    expect(await scope.authorize(operator, { auxiliaryId: 'aux-2' })).toBe('hohhot');
    expect(reads).toEqual([streamIdOf(Auxiliary, 'aux-2'), streamIdOf(Auxiliary, 'aux-2')]);

    // An organ outside the grant stays outside, from what was kept as from the log.
    const other: Principal = { ...operator, organIds: ['baotou'] };
    await expect(scope.authorize(other, { auxiliaryId: 'aux-1' })).rejects.toMatchObject({ code: 'RECORD_NOT_FOUND' });
    await store.close();
  });
});
