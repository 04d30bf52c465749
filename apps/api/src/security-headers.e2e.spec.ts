import { join } from 'node:path';
import type request from 'supertest';
import { type Api, organTree, startApi, tempDir } from './testing/api-fixture';

/** Helmet's defaults, as every answer carries them (addSecurityHeaders, http-server.ts). */
const SECURITY_HEADERS: Record<string, string | RegExp> = {
  'content-security-policy': /^default-src 'self';.*object-src 'none';.*script-src 'self';.*upgrade-insecure-requests$/,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

function expectSecurityHeaders(response: request.Response): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    const sent = response.headers[name];
    if (typeof value === 'string') expect([name, sent]).toEqual([name, value]);
    else expect([name, sent]).toEqual([name, expect.stringMatching(value)]);
  }
  expect(response.headers['x-powered-by']).toBeUndefined();
}

describe('security headers', () => {
  const tmp = tempDir('auxledger-security-headers-');
  let api: Api;

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') });
    await organTree(api);
  });
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it('a query, a command, a refusal of a missing key, an unknown path and the docs each carry helmet’s headers', async () => {
    expectSecurityHeaders(await api.get('/api/v1/organs?root=nmg').expect(200));
    const body = { organId: 'headers-unit', name: '安全头派出所', level: 'UNIT', kind: 'PUBLIC_SECURITY', parentId: 'xincheng', effectiveDate: '2024-09-01' };
    expectSecurityHeaders(await api.post('/api/v1/commands/register-organ', body).expect(201));
    expectSecurityHeaders(await api.get('/api/v1/organs', null).expect(401));
    expectSecurityHeaders(await api.get('/api/v1/no-such-route').expect(404));
    expectSecurityHeaders(await api.get('/api/docs-json', null).expect(200));
  });
});
