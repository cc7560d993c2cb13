/**
 * How long a request to the backend may take, its answer read: a backend
 * that stalls would otherwise hold the CI job until the job's own limit.
 */
const TIMEOUT_SECONDS = 30;

/** Why a request got no answer: the code of its cause, or a timeout. */
function noAnswer(error: Error): string {
  if (error.name === 'TimeoutError') {
    return `timeout: no answer within ${TIMEOUT_SECONDS} s`;
  }
  const cause = error.cause as { code?: string; message?: string } | undefined;
  const why = cause?.code ?? cause?.message;
  return why ? `${error.message}: ${why}` : error.message;
}

/** The start of what a backend answered, quoted. */
function excerpt(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/**
 * The answer of the Meshwork backend at `url`, asked as `token`
 * (MESHWORK_API_TOKEN), when it is JSON that `accepts` takes. Else an error
 * says which `what` could not be read, at which URL, and why: no answer
 * (its cause's code, or a timeout), a status, or not what was `expected`.
 */
export async function fetchBackendJson<T>(
  url: string,
  options: {
    what: string;
    token?: string;
    init?: RequestInit;
    expected: string;
    accepts: (answer: unknown) => answer is T;
  },
): Promise<T> {
  const { what, token, init, expected, accepts } = options;
  const cannot = (why: string) =>
    new Error(`cannot read ${what} at ${url}: ${why}`);
  const headers = new Headers(init?.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      ...init,
      headers,
      signal: AbortSignal.timeout(TIMEOUT_SECONDS * 1000),
    });
    text = await response.text();
  } catch (error) {
    throw cannot(noAnswer(error as Error));
  }
  if (!response.ok) {
    throw cannot(
      `${response.status} ${response.statusText}${
        response.status === 401
          ? ' (set MESHWORK_API_TOKEN to a token this backend accepts)'
          : ''
      }`,
    );
  }
  const unexpected = () => cannot(`expected ${expected}, got ${excerpt(text)}`);
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw unexpected();
  }
  if (!accepts(answer)) throw unexpected();
  return answer;
}
