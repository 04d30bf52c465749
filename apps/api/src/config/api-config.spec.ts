import { join, resolve } from 'node:path';
import { readConfig } from './api-config';

describe('readConfig: the read side', () => {
  it('by default the read models sit beside the log, named after it, projected in this process, lag bound 1000, wait 2 s, rebuilt on a thread beyond 10 000 events behind', () => {
    const config = readConfig({ AUXLEDGER_DB: '/srv/axl/records.db' });
    expect(config.readSide).toEqual({ store: { kind: 'sqlite', path: join('/srv/axl', 'records.read-models.db') }, projector: 'embedded', maxLag: 1000, minPositionWaitMs: 2000, rebuildBehind: 10_000 });
    const other = readConfig({ AUXLEDGER_DB: '/srv/axl/demo.db' });
    expect(other.readSide.store).toEqual({ kind: 'sqlite', path: join('/srv/axl', 'demo.read-models.db') });
  });

  it('AUXLEDGER_READ_MODELS_DB, AUXLEDGER_PROJECTOR=off, AUXLEDGER_PROJECTOR_MAX_LAG, AUXLEDGER_MIN_POSITION_WAIT_MS and AUXLEDGER_PROJECTOR_REBUILD_BEHIND are taken', () => {
    const config = readConfig({ AUXLEDGER_READ_MODELS_DB: 'rm.db', AUXLEDGER_PROJECTOR: 'off', AUXLEDGER_PROJECTOR_MAX_LAG: '0', AUXLEDGER_MIN_POSITION_WAIT_MS: '0', AUXLEDGER_PROJECTOR_REBUILD_BEHIND: '0' });
    expect(config.readSide).toEqual({ store: { kind: 'sqlite', path: resolve('rm.db') }, projector: 'off', maxLag: 0, minPositionWaitMs: 0, rebuildBehind: 0 });
  });

  it('with PostgreSQL the read models are a schema of the same database (default read_models)', () => {
    expect(readConfig({ AUXLEDGER_PG_URL: 'postgres://x@h/db' }).readSide.store).toEqual({ kind: 'postgres', url: 'postgres://x@h/db', schema: 'read_models' });
    expect(readConfig({ AUXLEDGER_PG_URL: 'postgres://x@h/db', AUXLEDGER_READ_MODELS_SCHEMA: 'reports' }).readSide.store).toMatchObject({ schema: 'reports' });
  });

  it('refuses values it cannot use, naming the variable', () => {
    expect(() => readConfig({ AUXLEDGER_PROJECTOR: 'maybe' })).toThrow('AUXLEDGER_PROJECTOR');
    expect(() => readConfig({ AUXLEDGER_PROJECTOR_MAX_LAG: '-1' })).toThrow('AUXLEDGER_PROJECTOR_MAX_LAG');
    expect(() => readConfig({ AUXLEDGER_MIN_POSITION_WAIT_MS: 'soon' })).toThrow('AUXLEDGER_MIN_POSITION_WAIT_MS');
    expect(() => readConfig({ AUXLEDGER_PROJECTOR_REBUILD_BEHIND: '-5' })).toThrow('AUXLEDGER_PROJECTOR_REBUILD_BEHIND');
    expect(() => readConfig({ AUXLEDGER_PG_URL: 'postgres://h/db', AUXLEDGER_READ_MODELS_SCHEMA: 'Drop Table' })).toThrow('AUXLEDGER_READ_MODELS_SCHEMA');
  });
});

describe('readConfig: the HTTP server’s limits', () => {
  it('defaults, values from the environment, and a headers timeout beyond the request timeout refused', () => {
    expect(readConfig({}).server).toEqual({ requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 5000, maxConnections: 1024 });
    expect(readConfig({ AUXLEDGER_REQUEST_TIMEOUT_MS: '5000', AUXLEDGER_HEADERS_TIMEOUT_MS: '2000', AUXLEDGER_KEEP_ALIVE_TIMEOUT_MS: '1000', AUXLEDGER_MAX_CONNECTIONS: '10' }).server).toEqual({
      requestTimeoutMs: 5000, headersTimeoutMs: 2000, keepAliveTimeoutMs: 1000, maxConnections: 10,
    });
    expect(() => readConfig({ AUXLEDGER_REQUEST_TIMEOUT_MS: '1000' })).toThrow(/AUXLEDGER_HEADERS_TIMEOUT_MS \(10000\) must not exceed/);
    expect(() => readConfig({ AUXLEDGER_MAX_CONNECTIONS: '0' })).toThrow(/AUXLEDGER_MAX_CONNECTIONS must be a positive integer/);
  });
});

describe('readConfig: the SQLite log', () => {
  it('AUXLEDGER_DB names the file; the group commit runs inline unless AUXLEDGER_SQLITE_WRITER=thread; anything else is refused in both languages', () => {
    expect(readConfig({ AUXLEDGER_DB: '/srv/axl/records.db' }).store).toEqual({ kind: 'sqlite', path: '/srv/axl/records.db', writer: 'inline' });
    expect(readConfig({ AUXLEDGER_SQLITE_WRITER: 'thread' }).store).toMatchObject({ kind: 'sqlite', writer: 'thread' });
    expect(() => readConfig({ AUXLEDGER_SQLITE_WRITER: 'fast' })).toThrow(/AUXLEDGER_SQLITE_WRITER must be inline or thread \(got fast\).*须为 inline 或 thread/);
  });
});

describe('readConfig: the log on KurrentDB', () => {
  it('AUXLEDGER_ESDB_URL puts the log on KurrentDB, the read models and tables in AUXLEDGER_PG_URL', () => {
    const config = readConfig({ AUXLEDGER_ESDB_URL: 'kurrentdb://127.0.0.1:2113?tls=false', AUXLEDGER_PG_URL: 'postgres://x@h/db' });
    expect(config.store).toEqual({ kind: 'kurrentdb', eventStoreUrl: 'kurrentdb://127.0.0.1:2113?tls=false', url: 'postgres://x@h/db' });
    expect(config.readSide.store).toEqual({ kind: 'postgres', url: 'postgres://x@h/db', schema: 'read_models' });
  });

  it('refuses KurrentDB without PostgreSQL, in both languages', () => {
    expect(() => readConfig({ AUXLEDGER_ESDB_URL: 'kurrentdb://127.0.0.1:2113?tls=false' })).toThrow(/set AUXLEDGER_PG_URL too.*请同时设置 AUXLEDGER_PG_URL/);
  });
});
