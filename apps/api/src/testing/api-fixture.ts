import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { Clock } from '@auxledger/application';
import type { DomainEvent } from '@auxledger/domain';
import { passedApplicationHistory } from '@auxledger/domain/testing';
import type { EventStore } from '@auxledger/event-store';
import { pastEvents } from '@auxledger/event-store/testing';
import { createApp } from '../app.factory';
import type { AppOptions } from '../app.module';
import { type ApiConfig, type ReadSideConfig, type StoreConfig, defaultReadModelsPath } from '../config/api-config';
import { EVENT_STORE } from '../infrastructure/tokens';

/** The e2e fixture: the real Nest application on a real store, driven through HTTP with supertest. */
export const ADMIN_KEY = 'e2e-admin-key-0123456789';
export const PAY_FEN: Record<string, number> = { L1: 400_000, L2: 430_000, L3: 460_000 };
export const NOW = new Date('2025-01-02T02:00:00Z');

export interface Api {
  app: NestFastifyApplication;
  store: EventStore;
  /** The API's clock: what it records as now. */
  clock: Clock;
  post(path: string, body: unknown, key?: string | null, headers?: Record<string, string>): request.Test;
  get(path: string, key?: string | null): request.Test;
  del(path: string, key?: string | null): request.Test;
  /** The log's last global position: pass it as `minPosition` to read what was written. */
  logHead(): Promise<number>;
  close(): Promise<void>;
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A parameters file as AUXLEDGER_PARAMETERS names it: Hohhot's pay standards, L1–L3. */
export function writePayStandards(dir: string): string {
  const file = join(dir, 'parameters.json');
  const value = Object.entries(PAY_FEN).map(([level, monthlyBaseFen]) => ({ locality: 'hohhot', level, monthlyBaseFen }));
  writeFileSync(file, JSON.stringify({ parameters: { 'pay.standards': [{ from: '2024-09-01', value, source: '呼和浩特市辅警薪酬标准（测试值）' }] } }));
  return file;
}

/** The read side of a test: the read models next to the log (PostgreSQL: schema read_models), the projector embedded. */
export function readSideFor(store: StoreConfig, overrides: Partial<ReadSideConfig> = {}): ReadSideConfig {
  return {
    store: store.kind === 'sqlite' ? { kind: 'sqlite', path: defaultReadModelsPath(store.path) } : { kind: 'postgres', url: store.url, schema: 'read_models' },
    projector: 'embedded',
    maxLag: 1000,
    // Generous: a wait ends as soon as the projector gets there.
    minPositionWaitMs: 30_000,
    ...overrides,
  };
}

/** A clock a test can move (across midnight in Asia/Shanghai, say); it starts at NOW. */
export class MovableClock implements Clock {
  private current = NOW;
  now(): Date {
    return this.current;
  }
  set(instant: string): void {
    this.current = new Date(instant);
  }
  /** Moves forward (never back) to 10:00 in China on a date. */
  reach(date: string): void {
    const then = new Date(`${date}T02:00:00Z`);
    if (then.getTime() > this.current.getTime()) this.current = then;
  }
}

/** The API on a store; its clock starts at NOW and reaches each command's effective date, unless the test passes a clock of its own (`options.clock`). */
export async function startApi(store: StoreConfig, overrides: Partial<ApiConfig> = {}, options: AppOptions = {}): Promise<Api> {
  const config: ApiConfig = {
    port: 0,
    host: '127.0.0.1',
    store,
    adminKey: ADMIN_KEY,
    parametersFile: null,
    logLevel: 'silent',
    bodyLimit: '64kb',
    rateLimitPerMinute: 1_000_000,
    readSide: readSideFor(store),
    ...overrides,
  };
  // Unless the test brings its own clock: each command is recorded on the day it takes effect, if that is later
  // (a working life recorded as it is lived; the API refuses a record of what happened dated after its recording).
  const lived = options.clock ? null : new MovableClock();
  const app = await createApp(config, { clock: lived ?? (options.clock as Clock), ...options });
  // Listening on the loopback only, on a free port (supertest would otherwise listen on every interface).
  await app.listen(config.port, config.host);
  const server = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const auth = (test: request.Test, key: string | null | undefined) => (key === null ? test : test.set('Authorization', `Bearer ${key ?? ADMIN_KEY}`));
  return {
    app,
    store: app.get<EventStore>(EVENT_STORE),
    clock: lived ?? (options.clock as Clock),
    post: (path, body, key, headers = {}) => {
      const effectiveDate = (body as { effectiveDate?: unknown } | null)?.effectiveDate;
      if (lived && typeof effectiveDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(effectiveDate)) lived.reach(effectiveDate);
      return auth(request(server).post(path).set(headers), key).send(body as object);
    },
    get: (path, key) => auth(request(server).get(path), key),
    del: (path, key) => auth(request(server).delete(path), key),
    logHead: () => app.get<EventStore>(EVENT_STORE).headPosition(),
    close: () => app.close(),
  };
}

/** Seeds a stream as past commands would have written it (for records the API has no command for yet). */
export async function given(store: EventStore, streamId: string, events: Array<[string, DomainEvent]>): Promise<void> {
  await store.appendToStream(streamId, pastEvents(events), 'no_stream');
}

/** An application through every stage of Art. 20, ready to be hired (the recruitment endpoints come later). */
/** An application through every stage of Art. 20; with `openingOrganIds`, for openings of those organs (a hire elsewhere is refused). */
export async function passedApplication(store: EventStore, applicationId: string, personKey: string, openingOrganIds?: string[]): Promise<void> {
  await given(store, `application-${applicationId}`, passedApplicationHistory(applicationId, personKey, 'plan-1', openingOrganIds));
}

export const CLAUSES = ['DUTIES', 'WORKING_CONDITIONS', 'PROBATION', 'TERM', 'PAY', 'TERMINATION_CONDITIONS', 'BREACH_LIABILITY'];

export function hireBody(auxiliaryId: string, applicationId: string, personKey: string, usingOrganId: string, pay = PAY_FEN['L1']) {
  return {
    auxiliaryId, applicationId, personKey, usingOrganId, category: 'DUTY', level: 'L1', effectiveDate: '2025-01-02',
    pay: { locality: 'hohhot', monthlyBaseFen: pay },
    contract: { contractId: `contract-${auxiliaryId}`, kind: 'FIXED_TERM', startDate: '2025-01-02', endDate: '2028-01-01', probationLastDay: '2025-07-01', clauses: CLAUSES },
  };
}

/** The region, a city and two counties under it, the first with a quota: as an admin would set them up. */
export async function organTree(api: Api): Promise<void> {
  const organs = [
    { organId: 'nmg', name: '内蒙古自治区公安厅', level: 'REGION', kind: 'PUBLIC_SECURITY', parentId: null },
    { organId: 'hohhot', name: '呼和浩特市公安局', level: 'CITY', kind: 'PUBLIC_SECURITY', parentId: 'nmg' },
    { organId: 'xincheng', name: '新城区公安分局', level: 'COUNTY', kind: 'PUBLIC_SECURITY', parentId: 'hohhot' },
    { organId: 'saihan', name: '赛罕区公安分局', level: 'COUNTY', kind: 'PUBLIC_SECURITY', parentId: 'hohhot' },
  ];
  for (const organ of organs) await api.post('/api/commands/register-organ', { ...organ, effectiveDate: '2024-09-01' }).expect(201);
  await api
    .post('/api/commands/set-quota', { organId: 'xincheng', category: null, headcount: 5, documentRef: '内公发〔2024〕12号', setByOrganId: 'nmg', effectiveDate: '2024-09-01' })
    .expect(201);
}

/** An API key of a role, created by the admin. */
export async function keyFor(api: Api, role: string, organIds: string[] = []): Promise<{ id: string; key: string }> {
  const res = await api.post('/api/keys', { name: `${role} ${organIds.join(',')}`, role, ...(organIds.length ? { organIds } : {}) }).expect(201);
  return { id: res.body.id, key: res.body.key };
}

export const ruleIdsOf = (body: { error?: { details?: { violations?: { ruleId: string }[] } } }) => (body.error?.details?.violations ?? []).map((v) => v.ruleId);
