// Starts the services the suites need, once for the whole run.
require('@swc-node/register');
module.exports = require('./global-setup.ts').default;
