import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ADMIN_KEY, type Deployment, ROOT, startDeployment } from '../browser/harness';

/**
 * The README's demo session, as the script docs/demo-session.sh runs it, against the API on the demo region exactly as
 * `npm run demo` makes it (seed 1, 22 000 events, headcount 600, applicants with identities): every call answers what
 * the README says, on whatever day the test runs (the script dates itself from today in China).
 */
describe('the README demo session (docs/demo-session.sh) on the demo region', () => {
  let deployment: Deployment | undefined;
  let steps: Array<[string, number]> = [];
  let bodies = '';

  beforeAll(async () => {
    deployment = await startDeployment({ history: { events: 22_000, headcount: 600, seed: 1 } });
    const run = spawnSync('bash', [join(ROOT, 'docs', 'demo-session.sh')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, API: deployment.base.replace(/^http:\/\//, ''), KEY: ADMIN_KEY },
      timeout: 120_000,
    });
    if (run.error) throw run.error;
    // stdout: each step's label, then its HTTP status; stderr: the answers.
    const lines = run.stdout.trim().split('\n');
    steps = [];
    for (let i = 0; i + 1 < lines.length; i += 2) steps.push([lines[i] as string, Number(lines[i + 1])]);
    bodies = run.stderr;
    await deployment.caughtUp();
  }, 600_000);
  afterAll(async () => deployment?.stop());

  it('answers each call as the README says: the refused hire, the last stages, the hire, a duty, the horizon, a forbidden duty, the rosters', () => {
    expect({ steps, bodies: steps.some(([, status]) => status >= 500 || status === 0) ? bodies : '' }).toMatchObject({ bodies: '' });
    expect(steps).toEqual([
      ['hire before the last stages:', 422],
      ['medical:', 201],
      ['inspection:', 201],
      ['public notice:', 201],
      ['hire:', 201],
      ['duty:', 201],
      ['a duty dated 2099 (beyond the horizon):', 400],
      ['forbidden duty:', 422],
      ['roster as of 2025-06-30:', 200],
      ['roster in two months:', 200],
      ['names on the roster:', 200],
    ]);
    for (const code of ['RECR-ORDER', 'EFFECTIVE_DATE_BEYOND_HORIZON', 'DUTY-FORBIDDEN', 'DUTY-LED']) expect(bodies).toContain(code);
  });

  it('the hire shows: aux-demo-1 on the roster from tomorrow, the person named beside the id', async () => {
    const later = new Date(Date.now() + 62 * 86_400_000).toISOString().slice(0, 10);
    const roster = await deployment!.get<{ entries: Array<{ auxiliary_id: string; person: { name?: string } | null }> }>(`/api/roster?organ=hohhot-01-xt&asOf=${later}&limit=1000`);
    const hired = roster.entries.find((e) => e.auxiliary_id === 'aux-demo-1');
    expect(hired).toMatchObject({ person: { status: 'READABLE' } });
    expect(hired?.person?.name).toMatch(/^\p{Script=Han}{2,4}$/u);
    expect(roster.entries.filter((e) => e.person?.name).length).toBe(roster.entries.length);
  });
});
