import type { ProductStatus, ProductStatuses } from '../../api';
import { domainHealth } from './domainHealth';

describe('domainHealth', () => {
  it('counts measured and breaching products, and averages scores to a tenth as the rollups do', () => {
    const statuses: ProductStatuses = {
      byRef: new Map<string, ProductStatus>([
        [
          'dataproduct:default/a',
          {
            slo: {
              status: 'breaching',
              breaching: ['freshness'],
              unobserved: [],
              unjudged: [],
            },
            scorecard: { score: 80, level: 'gold' },
          },
        ],
        [
          'dataproduct:default/b',
          {
            slo: {
              status: 'unknown',
              breaching: [],
              unobserved: [],
              unjudged: [],
            },
            scorecard: { score: 75, level: 'silver' },
          },
        ],
        [
          'dataproduct:default/c',
          {
            slo: { status: 'ok', breaching: [], unobserved: [], unjudged: [] },
            scorecard: { score: 71, level: 'silver' },
          },
        ],
        [
          'dataproduct:default/elsewhere',
          { scorecard: { score: 0, level: 'none' } },
        ],
      ]),
      sloAvailable: true,
      scorecardsAvailable: true,
    };
    expect(
      domainHealth(
        [
          'dataproduct:default/a',
          'dataproduct:default/b',
          'dataproduct:default/c',
          'dataproduct:default/unread',
        ],
        statuses,
      ),
    ).toEqual({
      slo: { measured: 2, breaching: 1 },
      governance: {
        averageScore: 75.3,
        levels: { gold: 1, silver: 2, bronze: 0, none: 0 },
      },
    });
  });

  it('has no average for a domain without scorecards', () => {
    expect(
      domainHealth([], {
        byRef: new Map(),
        sloAvailable: true,
        scorecardsAvailable: true,
      }),
    ).toEqual({
      slo: { measured: 0, breaching: 0 },
      governance: {
        averageScore: undefined,
        levels: { gold: 0, silver: 0, bronze: 0, none: 0 },
      },
    });
  });
});
