import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type { Scorecard } from '@meshwork/plugin-governance-common';
import { GovernanceApi } from './GovernanceApi';

/** Talks to `/api/governance` with the signed-in user's token. */
export class GovernanceClient implements GovernanceApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async getScorecard(
    entity: CompoundEntityRef,
  ): Promise<Scorecard | undefined> {
    const base = await this.options.discoveryApi.getBaseUrl('governance');
    const path = [entity.kind, entity.namespace, entity.name]
      .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
      .join('/');
    const response = await this.options.fetchApi.fetch(
      `${base}/scorecards/${path}`,
    );
    if (response.status === 404) return undefined;
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }
}
