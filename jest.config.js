// One Jest run over every project: one throwaway PostgreSQL for all suites,
// one summary. `nx test <project>` runs a single project's config.
const { readdirSync, existsSync } = require('node:fs');
const path = require('node:path');

const projectRoots = ['apps', 'libs']
  .flatMap((dir) => (existsSync(dir) ? readdirSync(dir).map((name) => path.join(dir, name)) : []))
  .concat(['test'])
  .filter((root) => existsSync(path.join(root, 'jest.config.js')));

module.exports = {
  projects: projectRoots.map((root) => `<rootDir>/${root}`),
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  testTimeout: 30000,
};
