/**
 * Puts the test in a development build, where Material Table checks its rows'
 * ids, and watches the console from now on; returns what the table has warned
 * since of rows without an id. Restore NODE_ENV and the mocks after the test.
 */
export function rowIdWarnings(): () => string[] {
  process.env.NODE_ENV = 'development';
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  return () =>
    warn.mock.calls
      .map(args => String(args[0]))
      .filter(message => message.includes('unique id property'));
}
