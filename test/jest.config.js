module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'cross-project',
  rootDir: __dirname,
  testPathIgnorePatterns: ['/support/', '/bench/'],
};
