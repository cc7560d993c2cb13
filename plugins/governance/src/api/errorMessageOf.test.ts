import { ResponseError } from '@backstage/errors';
import { backendError } from '../__testUtils__/backendError';
import { errorMessageOf } from './errorMessageOf';

describe('errorMessageOf', () => {
  it("gives the backend's message, not the status line", async () => {
    const error = await backendError(400, 'InputError', 'reason: must say why');
    expect(error.message).toBe('Request failed with 400 ');
    expect(errorMessageOf(error)).toBe('reason: must say why');
  });

  it("cuts an error page a proxy answered with, which is no backend's message", async () => {
    const page = `<html><body>${'Bad gateway. '.repeat(100)}</body></html>`;
    const error = await ResponseError.fromResponse(
      new Response(page, {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'Content-Type': 'text/html' },
      }),
    );
    const message = errorMessageOf(error);
    expect(message).toMatch(
      /^Request failed with status 502 Bad Gateway, <html><body>Bad gateway\. /,
    );
    expect(message).toHaveLength(501);
    expect(message.endsWith('…')).toBe(true);
  });

  it('gives any other error its message', () => {
    expect(errorMessageOf(new Error('Failed to fetch'))).toBe(
      'Failed to fetch',
    );
    expect(errorMessageOf('offline')).toBe('offline');
  });
});
