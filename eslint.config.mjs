import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Layers are tags, and lint enforces the direction:
 *   statute ← domain ← application ← apps;  event-store / identity are ports + adapters;
 *   event-store ← projection-engine (knows no domain) ← read-models (AuxLedger's, on the domain) ← apps.
 * The pure core (statute, domain) may import no package at all: no framework,
 * no database client, no Node built-in — time, ids and actors arrive as data.
 */
const pureCore = { allowedExternalImports: [] };
/** Their tests may use the test tooling, nothing else. */
const pureCoreTests = { allowedExternalImports: ['fast-check'] };

/** The layer rules; `specs` loosens them for test files only: test tooling, the throwaway PostgreSQL. */
const boundaries = ({ specs }) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    allow: [],
    depConstraints: [
      { sourceTag: 'type:statute', onlyDependOnLibsWithTags: [], ...(specs ? pureCoreTests : pureCore) },
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:statute'], ...(specs ? pureCoreTests : pureCore) },
      // One error shape for every layer above the pure core (libs/errors): it imports nothing.
      { sourceTag: 'type:errors', onlyDependOnLibsWithTags: [], ...(specs ? pureCoreTests : pureCore) },
      { sourceTag: 'type:event-store', onlyDependOnLibsWithTags: ['type:errors', 'type:test-support'] },
      // The general engine (model kinds, projector, stores, bitemporal versions): the event store only, no domain.
      { sourceTag: 'type:projection-engine', onlyDependOnLibsWithTags: ['type:event-store', 'type:errors', 'type:test-support'] },
      // AuxLedger's read models: the domain's folds through the engine.
      {
        sourceTag: 'type:read-models',
        onlyDependOnLibsWithTags: ['type:statute', 'type:domain', 'type:event-store', 'type:projection-engine', 'type:errors', 'type:test-support'],
      },
      // Personal data: the person key, sealing, the data keys and the access records (ADR 0006).
      { sourceTag: 'type:identity', onlyDependOnLibsWithTags: ['type:statute', 'type:domain', 'type:errors', 'type:test-support'] },
      {
        sourceTag: 'type:application',
        onlyDependOnLibsWithTags: ['type:statute', 'type:domain', 'type:event-store', 'type:errors', 'type:test-support'],
      },
      {
        sourceTag: 'type:app',
        onlyDependOnLibsWithTags: [
          'type:statute', 'type:domain', 'type:event-store', 'type:projection-engine', 'type:read-models', 'type:application', 'type:tooling', 'type:identity', 'type:errors',
          ...(specs ? ['type:test-support'] : []),
        ],
      },
      {
        sourceTag: 'type:tooling',
        // identity: the demo generator seals its applicants' identities as the API does (ADR 0006).
        onlyDependOnLibsWithTags: ['type:statute', 'type:domain', 'type:event-store', 'type:application', 'type:identity', 'type:errors', 'type:test-support'],
      },
      { sourceTag: 'type:test-support', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['*'] },
    ],
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/tmp', '**/coverage', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries({ specs: false }),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name=/^(describe|it|test)$/][callee.property.name='only']", message: 'No focused tests.' },
      ],
    },
  },
  {
    files: ['libs/statute/src/**/*.ts', 'libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      // Belt and braces to the boundary rule, which knows only installed packages:
      // any import that is not relative or another AuxLedger library is refused.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.|@auxledger/)',
              message: 'The pure core (statute, domain) imports no package, framework, database client or Node built-in.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The pure core takes time from the command, never from the clock.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The pure core takes time from the command, never from the clock.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'The pure core takes ids from the command, never from randomness.' },
      ],
    },
  },
  // The dashboard (apps/web): React's rules of hooks.
  { files: ['apps/web/**/*.tsx', 'apps/web/**/*.ts'], ...reactHooks.configs.flat['recommended-latest'] },
  {
    files: ['**/*.spec.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries({ specs: true }) },
  },
];
