import * as domain from '@auxledger/domain';
import { CommandOutcomes, commandTypeOfRoute } from '../logging/command-outcomes';
import { COMMAND_CONTROLLERS, COMMAND_ENDPOINTS, COMMAND_HANDLERS } from '.';

/** Every command handler the domain exports, found by its shape (`commandType`, `streams`, `decide`). */
const isCommandHandler = (x: unknown): x is { commandType: string } =>
  typeof x === 'object' && x !== null && typeof (x as { commandType?: unknown }).commandType === 'string' && typeof (x as { decide?: unknown }).decide === 'function';
const domainCommandTypes = Object.values(domain as Record<string, unknown>)
  .filter(isCommandHandler)
  .map((h) => h.commandType)
  .sort();

describe('the command endpoint table', () => {
  it('has one endpoint for every command handler of the domain, and no other', () => {
    expect(domainCommandTypes.length).toBeGreaterThanOrEqual(42);
    expect(COMMAND_ENDPOINTS.map((e) => e.commandType).sort()).toEqual(domainCommandTypes);
  });

  it('names each endpoint after its command: a kebab-case path, a camelCase operation id, and its own classes', () => {
    for (const e of COMMAND_ENDPOINTS) {
      expect(e.path).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(e.path.replace(/-/g, '')).toBe(e.commandType.toLowerCase());
      expect(e.operationId).toBe(e.commandType.charAt(0).toLowerCase() + e.commandType.slice(1));
      expect([e.controller.name, e.handler.name]).toEqual([`${e.commandType}HttpController`, `${e.commandType}Handler`]);
      expect(e.dto.name).toBe(`${e.commandType}RequestDto`);
    }
    const distinct = (xs: unknown[]) => new Set(xs).size;
    expect(distinct(COMMAND_ENDPOINTS.map((e) => e.path))).toBe(COMMAND_ENDPOINTS.length);
    expect(distinct(COMMAND_CONTROLLERS)).toBe(COMMAND_ENDPOINTS.length);
    expect(distinct(COMMAND_HANDLERS)).toBe(COMMAND_ENDPOINTS.length);
  });

  it('every endpoint, generated or hand-made, is given the outcomes it reports an accepted command to', () => {
    for (const e of COMMAND_ENDPOINTS) expect([e.commandType, Reflect.getMetadata('design:paramtypes', e.controller)]).toEqual([e.commandType, expect.arrayContaining([CommandOutcomes])]);
  });

  it('reads each command back from its route, as a failure’s outcome is counted (and nothing from another route)', () => {
    for (const e of COMMAND_ENDPOINTS) expect(commandTypeOfRoute(`/api/commands/${e.path}`)).toBe(e.commandType);
    for (const route of ['/api/roster', '/api/commands/', '/api/commands/Hire', '/api/commands/hire/x', '/api/commandsx/hire', undefined, 42]) expect(commandTypeOfRoute(route)).toBeNull();
  });
});
