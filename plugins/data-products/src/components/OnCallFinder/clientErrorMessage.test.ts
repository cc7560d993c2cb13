import { backendErrorAnswer } from '../../__testUtils__/backendErrorAnswer';
import { clientErrorMessage } from './clientErrorMessage';

const answer = (status: number) =>
  backendErrorAnswer(status, { name: 'Error', message: 'what is wrong' });

describe('clientErrorMessage', () => {
  it("gives the backend's words for a request it refuses", async () => {
    for (const status of [400, 401, 403, 404, 413]) {
      expect(clientErrorMessage(await answer(status))).toBe('what is wrong');
    }
  });

  it('gives nothing for an error that may pass', async () => {
    for (const status of [408, 429, 500, 502, 503]) {
      expect(clientErrorMessage(await answer(status))).toBeUndefined();
    }
    expect(
      clientErrorMessage(new TypeError('Failed to fetch')),
    ).toBeUndefined();
  });
});
