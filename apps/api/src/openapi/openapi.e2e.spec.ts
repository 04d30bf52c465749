import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import { COMMAND_ENDPOINTS } from '../commands';
import { type Api, startApi, tempDir, writePayStandards } from '../testing/api-fixture';

type Schema = { $ref?: string; enum?: unknown[]; example?: unknown; items?: Schema; properties?: Record<string, Schema>; 'x-enum-descriptions'?: Record<string, string> };
type Response = { description: string; content?: Record<string, { schema?: Schema; example?: { code?: string; status?: number; type?: string; error?: { code: string } } }> };
type Operation = { responses: Record<string, Response>; requestBody?: { content: Record<string, { schema: Schema; example?: Record<string, unknown> }> } };
type Doc = { openapi: string; info: { description: string }; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema>; securitySchemes: Record<string, { bearerFormat?: string }> } };

/**
 * The OpenAPI document tells the truth (issue 16): it is valid OpenAPI 3
 * (@apidevtools/swagger-parser), every answer is described — a command's 201
 * as CommandAcceptedDto —, every error status has an example of its own, the
 * API key is no JWT, codes are enums with their names, and every command's
 * example body carries no command id (ids are global) and passes the
 * endpoint's own validation.
 */
describe('the OpenAPI document', () => {
  const tmp = tempDir('auxledger-openapi-');
  let api: Api;
  let doc: Doc;
  const operations = () => Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: join(tmp.dir, 'records.db') }, { parametersFile: writePayStandards(tmp.dir) });
    doc = (await api.get('/api/docs-json', null).expect(200)).body as Doc;
  });
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it('is a valid OpenAPI 3 document', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(doc) as unknown as OpenAPI.Document)).resolves.toBeDefined();
  });

  it('every answer is described; each command answers 201 with CommandAcceptedDto', () => {
    for (const { path, method, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) expect({ path, method, status, description: response.description.length > 0 }).toEqual({ path, method, status, description: true });
    }
    for (const e of COMMAND_ENDPOINTS) {
      const accepted = doc.paths[`/api/commands/${e.path}`]?.['post']?.responses['201'];
      expect(accepted?.content?.['application/json']?.schema?.$ref).toBe('#/components/schemas/CommandAcceptedDto');
    }
  });

  it('each error status has an example of its own status (a 422 body only under 422), as application/problem+json', () => {
    const expected: Record<string, string> = { '400': 'VALIDATION_FAILED', '401': 'UNAUTHENTICATED', '403': 'ORGAN_OUT_OF_SCOPE', '404': 'ORGAN_NOT_FOUND', '409': 'AUXILIARY_NOT_HIRED', '422': 'REFUSED_BY_STATUTE' };
    let checked = 0;
    for (const { op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        expect(response.content?.['application/json']?.schema?.$ref).not.toBe('#/components/schemas/ErrorBodyDto');
        const json = response.content?.['application/problem+json'];
        if (json?.schema?.$ref !== '#/components/schemas/ErrorBodyDto') continue;
        expect(json.example?.error?.code).toBeDefined();
        // RFC 9457 members around our own, consistent with each other.
        expect(json.example).toMatchObject({ status: Number(status), code: json.example?.error?.code, type: `urn:auxledger:problem:${json.example?.error?.code}` });
        if (expected[status]) expect([status, json.example?.error?.code]).toEqual([status, expected[status]]);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(COMMAND_ENDPOINTS.length * 4);
  });

  it('the API key is a bearer token that is no JWT, and the description shows the header in code', () => {
    expect(Object.values(doc.components.securitySchemes).map((s) => s.bearerFormat)).not.toContain('JWT');
    expect(doc.info.description).toContain('`Authorization: Bearer <API key>`');
  });

  it('codes are enums with their names: duty codes (statute), sanctions and grades (this deployment’s parameters)', () => {
    const duty = doc.components.schemas['AssignDutyRequestDto']?.properties?.['dutyCodes']?.items;
    expect(duty?.enum).toContain('SVC_PATROL');
    expect(Object.keys(duty?.['x-enum-descriptions'] ?? {})).toEqual(duty?.enum);
    const sanction = doc.components.schemas['DisciplineRequestDto']?.properties?.['sanction'];
    expect(sanction?.enum).toEqual(['WARNING', 'DEMERIT', 'DEMOTION', 'DISMISSAL']);
    expect(sanction?.['x-enum-descriptions']?.['WARNING']).toContain('警告');
    expect(doc.components.schemas['RecordAssessmentRequestDto']?.properties?.['grade']?.enum).toEqual(['优秀', '称职', '基本称职', '不称职']);
  });

  it('no command example carries a command id, and the schema offers none to copy', () => {
    expect(doc.components.schemas['HireRequestDto']?.properties?.['commandId']?.example).toBeUndefined();
    for (const e of COMMAND_ENDPOINTS) {
      const example = doc.paths[`/api/commands/${e.path}`]?.['post']?.requestBody?.content['application/json']?.example;
      expect(example).toBeDefined();
      expect(example).not.toHaveProperty('commandId');
    }
  });

  it.each(COMMAND_ENDPOINTS.map((e) => [e.path]))('the example body of %s passes the endpoint’s own validation (no 400)', async (path) => {
    const example = doc.paths[`/api/commands/${path}`]?.['post']?.requestBody?.content['application/json']?.example;
    const res = await api.post(`/api/commands/${path}`, example);
    expect(res.body.error?.details?.fields).toBeUndefined();
    expect([201, 403, 404, 409, 422]).toContain(res.status);
  });
});
