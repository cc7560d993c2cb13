import { mockServices } from '@backstage/backend-test-utils';
import path from 'path';
import { readSeedDirectory } from '../service/readSeedDirectory';

/** The example mesh's OpenLineage events, as the start command loads them. */
export function readExampleSeed(logger = mockServices.logger.mock()) {
  return readSeedDirectory(
    path.resolve(__dirname, '../../../../catalog-info/lineage'),
    logger,
  );
}
