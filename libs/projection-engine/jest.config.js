module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'projection-engine',
  rootDir: __dirname,
};
