module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'statute',
  rootDir: __dirname,
};
