module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // Browser tests and benchmarks run in Node: they read and write files
      // and start the backend.
      files: ['e2e-tests/**', 'bench/**'],
      rules: { 'no-restricted-imports': 'off' },
    },
  ],
});
