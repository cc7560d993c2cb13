import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { ConfigReader } from '@backstage/config';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import { apiTokenConfig } from './apiTokenConfig';

const TOKEN = 'ci-token-for-tests';

describe('machine-client access with MESHWORK_API_TOKEN', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'lets the token read the catalog, not change it, and turns everyone else away, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          authServiceFactory,
          httpAuthServiceFactory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: apiTokenConfig(new ConfigReader({}), {
              MESHWORK_API_TOKEN: TOKEN,
            }),
          }),
        ],
      });
      try {
        await request(backend.server)
          .get('/api/catalog/entities?limit=1')
          .set('Authorization', `Bearer ${TOKEN}`)
          .expect(200);
        // A producer's token cannot register locations or delete entities.
        const registered = await request(backend.server)
          .post('/api/catalog/locations')
          .set('Authorization', `Bearer ${TOKEN}`)
          .send({ type: 'url', target: 'https://example.com/catalog.yaml' });
        expect(registered.status).toBe(403);
        await request(backend.server)
          .delete('/api/catalog/entities/by-uid/any')
          .set('Authorization', `Bearer ${TOKEN}`)
          .expect(403);
        await request(backend.server)
          .get('/api/catalog/entities?limit=1')
          .expect(401);
        await request(backend.server)
          .get('/api/catalog/entities?limit=1')
          .set('Authorization', 'Bearer not-the-token')
          .expect(401);
      } finally {
        await backend.stop();
      }
    },
  );
});
