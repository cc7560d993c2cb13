import { backendErrorAnswer } from './backendErrorAnswer';

/**
 * The client's error for the data products backend's answer of `status`
 * with these headers, its body saying the search index is still being built
 * (the backend's 503 before its first build).
 */
export const searchIndexAnswer = (
  status: number,
  headers: Record<string, string> = {},
) =>
  backendErrorAnswer(
    status,
    {
      name: 'ServiceUnavailableError',
      message: 'The data product search index is still being built',
    },
    headers,
  );
