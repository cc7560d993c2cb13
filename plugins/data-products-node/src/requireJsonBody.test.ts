import type { IncomingHttpHeaders, IncomingMessage } from 'http';
import { requireJsonBody } from './requireJsonBody';

/** What requireJsonBody does with a request of these headers. */
function outcome(headers: IncomingHttpHeaders) {
  const next = jest.fn();
  try {
    requireJsonBody({ headers } as IncomingMessage, undefined, next);
  } catch (error) {
    const { name, message, status } = error as Error & { status: number };
    return { name, message, status };
  }
  return next.mock.calls.length === 1 ? 'passed' : 'stopped';
}

describe('requireJsonBody', () => {
  it('passes a JSON body, with parameters or in any case', () => {
    for (const type of [
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON',
    ]) {
      expect(outcome({ 'content-type': type, 'content-length': '2' })).toBe(
        'passed',
      );
    }
  });

  it('refuses a body of another type, or of none, naming it', () => {
    expect(
      outcome({
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': '30',
      }),
    ).toEqual({
      name: 'UnsupportedMediaTypeError',
      message:
        'Content-Type application/x-www-form-urlencoded is not supported; send application/json',
      status: 415,
    });
    expect(
      outcome({ 'content-type': 'text/plain', 'transfer-encoding': 'chunked' }),
    ).toMatchObject({
      message:
        'Content-Type text/plain is not supported; send application/json',
      status: 415,
    });
    expect(outcome({ 'content-length': '2' })).toMatchObject({
      message: 'Content-Type (none) is not supported; send application/json',
      status: 415,
    });
  });

  it('passes no body, whatever its type, for the route to refuse', () => {
    expect(outcome({})).toBe('passed');
    expect(outcome({ 'content-type': 'text/plain' })).toBe('passed');
    expect(
      outcome({ 'content-type': 'text/plain', 'content-length': '0' }),
    ).toBe('passed');
  });
});
