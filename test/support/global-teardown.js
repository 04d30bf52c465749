require('@swc-node/register');
module.exports = require('./global-setup.ts').teardown;
