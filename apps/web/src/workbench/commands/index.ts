/** The command forms: one form per command endpoint, generated from GET /api/catalog/commands, and the commands page. */
export { CommandForm, useCommandCatalog, type AnsweredEvent, type CommandFormProps } from './CommandForm';
export { CommandsPage, COMMAND_ROLES } from './CommandsPage';
export { ProblemView, Citation } from './Refusal';
export { type CatalogCommand, type CatalogField, type CommandCatalog, type Problem, bodyOf, endpointOf, fieldKind, problemOf, unrenderable } from './catalog';

/** The commands page's address parameters that open a command's form prefilled: `go('commands', commandHref('hire', { auxiliaryId }))`. */
export const commandHref = (command: string, prefill: Record<string, string> = {}): Record<string, string> => ({ ...prefill, command });
