import { join, resolve } from 'node:path';
import { readConfig } from './api-config';

describe('readConfig: the read side', () => {
  it('by default the read models sit beside the log, named after it, projected in this process, lag bound 1000, wait 2 s', () => {
    const config = readConfig({ AUXLEDGER_DB: '/srv/axl/records.db' });
    expect(config.readSide).toEqual({ store: { kind: 'sqlite', path: join('/srv/axl', 'records.read-models.db') }, projector: 'embedded', maxLag: 1000, minPositionWaitMs: 2000 });
    const other = readConfig({ AUXLEDGER_DB: '/srv/axl/demo.db' });
    expect(other.readSide.store).toEqual({ kind: 'sqlite', path: join('/srv/axl', 'demo.read-models.db') });
  });

  it('AUXLEDGER_READ_MODELS_DB, AUXLEDGER_PROJECTOR=off, AUXLEDGER_PROJECTOR_MAX_LAG and AUXLEDGER_MIN_POSITION_WAIT_MS are taken', () => {
    const config = readConfig({ AUXLEDGER_READ_MODELS_DB: 'rm.db', AUXLEDGER_PROJECTOR: 'off', AUXLEDGER_PROJECTOR_MAX_LAG: '0', AUXLEDGER_MIN_POSITION_WAIT_MS: '0' });
    expect(config.readSide).toEqual({ store: { kind: 'sqlite', path: resolve('rm.db') }, projector: 'off', maxLag: 0, minPositionWaitMs: 0 });
  });

  it('with PostgreSQL the read models are a schema of the same database (default read_models)', () => {
    expect(readConfig({ AUXLEDGER_PG_URL: 'postgres://x@h/db' }).readSide.store).toEqual({ kind: 'postgres', url: 'postgres://x@h/db', schema: 'read_models' });
    expect(readConfig({ AUXLEDGER_PG_URL: 'postgres://x@h/db', AUXLEDGER_READ_MODELS_SCHEMA: 'reports' }).readSide.store).toMatchObject({ schema: 'reports' });
  });

  it('refuses values it cannot use, naming the variable', () => {
    expect(() => readConfig({ AUXLEDGER_PROJECTOR: 'maybe' })).toThrow('AUXLEDGER_PROJECTOR');
    expect(() => readConfig({ AUXLEDGER_PROJECTOR_MAX_LAG: '-1' })).toThrow('AUXLEDGER_PROJECTOR_MAX_LAG');
    expect(() => readConfig({ AUXLEDGER_MIN_POSITION_WAIT_MS: 'soon' })).toThrow('AUXLEDGER_MIN_POSITION_WAIT_MS');
    expect(() => readConfig({ AUXLEDGER_PG_URL: 'postgres://h/db', AUXLEDGER_READ_MODELS_SCHEMA: 'Drop Table' })).toThrow('AUXLEDGER_READ_MODELS_SCHEMA');
  });
});
