import type { Type } from '@nestjs/common';

/**
 * What `defineCommandEndpoint` and `defineQueryEndpoint` share: the classes
 * Nest wires are made per declaration, so they are named after it here
 * (`HireHttpController`, `RosterHttpController`) — the names in stack traces,
 * CQRS dispatch and `apps/api/README.md`'s table of generated names.
 */
export const named = <T extends Type>(cls: T, name: string): T => Object.defineProperty(cls, 'name', { value: name });

/**
 * The parameter types of a generated route handler. TypeScript emits
 * `design:paramtypes` from the declared types, and a generic class method's
 * are its type parameters (erased to Object), so the ValidationPipe and the
 * OpenAPI document would see no DTO: the declaration's DTOs are set here, in
 * order of the method's parameters, once per generated class.
 */
export function declareParamTypes(controller: Type, method: string, types: ReadonlyArray<Type | typeof Object>): void {
  Reflect.defineMetadata('design:paramtypes', [...types], controller.prototype, method);
}
