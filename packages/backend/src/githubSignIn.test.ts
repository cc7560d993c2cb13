import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import githubProviderModule from '@backstage/plugin-auth-backend-module-github-provider';
import guestProviderModule from '@backstage/plugin-auth-backend-module-guest-provider';
import { ConfigSources, FileConfigSource } from '@backstage/config-loader';
import type { JsonObject } from '@backstage/types';
import path from 'path';
import request from 'supertest';
import { strictEnvironmentSubstitution } from './strictEnvironmentSubstitution';

const root = path.resolve(__dirname, '../../..');

/** app-config.yaml under app-config.production.yaml, as production reads them. */
async function productionConfig(env: NodeJS.ProcessEnv) {
  const config = await ConfigSources.toConfig(
    ConfigSources.merge(
      ['app-config.yaml', 'app-config.production.yaml'].map(file =>
        FileConfigSource.create({
          path: path.join(root, file),
          substitutionFunc: strictEnvironmentSubstitution(env),
          watch: false,
        }),
      ),
    ),
  );
  return config.get<JsonObject>();
}

const ENV = {
  MESHWORK_BASE_URL: 'https://meshwork.example.com',
  POSTGRES_HOST: '127.0.0.1',
  POSTGRES_PORT: '5432',
  POSTGRES_USER: 'postgres',
  POSTGRES_PASSWORD: 'unused',
  AUTH_GITHUB_CLIENT_ID: 'meshwork-client-id',
  AUTH_GITHUB_CLIENT_SECRET: 'meshwork-client-secret',
};

describe('sign-in in production', () => {
  it('sends people to GitHub with the configured OAuth app, and has no guest', async () => {
    const config = await productionConfig(ENV);
    expect(config.app).toMatchObject({ signIn: { providers: ['github'] } });
    const backend = await startTestBackend({
      features: [
        authPlugin,
        guestProviderModule,
        githubProviderModule,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    try {
      const started = await request(backend.server).get(
        '/api/auth/github/start?env=production',
      );
      expect(started.status).toBe(302);
      const location = new URL(started.headers.location);
      expect(location.origin + location.pathname).toBe(
        'https://github.com/login/oauth/authorize',
      );
      expect(location.searchParams.get('client_id')).toBe('meshwork-client-id');
      // On the test backend's own address, which it sets as its baseUrl.
      expect(location.searchParams.get('redirect_uri')).toMatch(
        /^http:\/\/localhost:\d+\/api\/auth\/github\/handler\/frame$/,
      );
      const guest = await request(backend.server)
        .post('/api/auth/guest/refresh')
        .set('X-Requested-With', 'XMLHttpRequest');
      expect(guest.status).toBe(404);
    } finally {
      await backend.stop();
    }
  });

  it('stops start-up naming the GitHub setting that is not set', async () => {
    const { AUTH_GITHUB_CLIENT_SECRET: _, ...withoutSecret } = ENV;
    await expect(productionConfig(withoutSecret)).rejects.toThrow(
      /AUTH_GITHUB_CLIENT_SECRET is not set/,
    );
  });
});
