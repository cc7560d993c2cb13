import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { startLineageBackend } from './startLineageBackend';

/**
 * The lineage plugin on a test backend holding `events`, posted as one
 * batch by a signed-in user, and a GET of its API as that user.
 */
export async function lineageBackendHolding(
  knex: Knex,
  events: object[],
  options?: Parameters<typeof startLineageBackend>[1],
) {
  const backend = await startLineageBackend(knex, options);
  const user = mockCredentials.user.header();
  try {
    await request(backend.server)
      .post('/api/lineage/api/v1/lineage/batch')
      .set('Authorization', user)
      .send(events)
      .expect(200);
  } catch (error) {
    await backend.stop();
    throw error;
  }
  const get = (path: string) =>
    request(backend.server)
      .get(`/api/lineage${path}`)
      .set('Authorization', user);
  return { backend, get };
}
