import { mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import { LineageOutage } from './LineageOutage';

describe('LineageOutage', () => {
  it('ends a pass lineage fails without an error, warning once until a pass reaches lineage', async () => {
    const logger = mockServices.logger.mock();
    const outage = new LineageOutage(logger);
    const failing = outage.keepScorecards(async () => {
      throw new ServiceUnavailableError('Lineage backend answered 503');
    });
    await failing();
    await failing();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'Lineage backend answered 503: scorecards are kept as they were until it answers',
    );
    // A pass that had nothing to ask lineage says nothing of it.
    await outage.keepScorecards(async () => false)();
    await failing();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    await outage.keepScorecards(async () => true)();
    await failing();
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('lets any other failure through', async () => {
    const outage = new LineageOutage(mockServices.logger.mock());
    await expect(
      outage.keepScorecards(async () => {
        throw new Error('disk full');
      })(),
    ).rejects.toThrow('disk full');
  });
});
