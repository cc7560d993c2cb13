import { ConfigReader } from '@backstage/config';
import { API_TOKEN_SUBJECT, apiTokenConfig } from './apiTokenConfig';

describe('apiTokenConfig', () => {
  const empty = new ConfigReader({});

  it('turns static-token access off when MESHWORK_API_TOKEN is unset or blank', () => {
    expect(apiTokenConfig(empty, {})).toBeUndefined();
    expect(apiTokenConfig(empty, { MESHWORK_API_TOKEN: '  ' })).toBeUndefined();
  });

  it('adds the token as a static external-access entry', () => {
    expect(
      apiTokenConfig(empty, { MESHWORK_API_TOKEN: 'ci-token-1234' }),
    ).toEqual({
      backend: {
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: 'ci-token-1234', subject: API_TOKEN_SUBJECT },
              accessRestrictions: expect.any(Array),
            },
          ],
        },
      },
    });
  });

  it('keeps external access that is already configured', () => {
    const configured = new ConfigReader({
      backend: {
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: 'other-token-1', subject: 'x' },
            },
          ],
        },
      },
    });
    const result = apiTokenConfig(configured, {
      MESHWORK_API_TOKEN: 'ci-token-1234',
    });
    expect(result?.backend.auth.externalAccess).toHaveLength(2);
    expect(result?.backend.auth.externalAccess[0]).toEqual({
      type: 'static',
      options: { token: 'other-token-1', subject: 'x' },
    });
  });

  it('names the variable when the token is too short for Backstage', () => {
    expect(() => apiTokenConfig(empty, { MESHWORK_API_TOKEN: 'xyz' })).toThrow(
      'MESHWORK_API_TOKEN must be at least 8 characters with no spaces (got 3 characters)',
    );
  });
});
