/**
 * Watches the console from now on; returns what Material-UI has warned since
 * of a select's value that is none of its options. The console still prints.
 */
export function outOfRangeWarnings(): () => string[] {
  const spies = [jest.spyOn(console, 'warn'), jest.spyOn(console, 'error')];
  return () =>
    spies
      .flatMap(spy => spy.mock.calls.map(args => String(args[0])))
      .filter(message => message.includes('out-of-range value'));
}
