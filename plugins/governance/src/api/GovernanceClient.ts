import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  ExemptionGrantors,
  ExemptionRequest,
  ExemptionState,
  MeshTrendPoint,
  Scorecard,
  ScorecardHistoryPoint,
  ScorecardRollup,
  ScorecardSummary,
  StoredExemption,
} from '@meshwork/plugin-governance-common';
import { GovernanceApi, GovernanceCheckInfo } from './GovernanceApi';

/** `kind/namespace/name`, lower case and URL-encoded, as routes take it. */
function pathOf(entity: CompoundEntityRef): string {
  return [entity.kind, entity.namespace, entity.name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/');
}

type PostRequest = { method: 'POST'; body: unknown };

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
    const response = await this.fetch(`/scorecards/${pathOf(entity)}`);
    if (response.status === 404) return undefined;
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }

  listScorecards(
    filter: { domain?: string } = {},
  ): Promise<ScorecardSummary[]> {
    const { domain } = filter;
    return this.request(
      domain ? `/scorecards?${new URLSearchParams({ domain })}` : '/scorecards',
    );
  }

  getExemptionGrantors(entity: CompoundEntityRef): Promise<ExemptionGrantors> {
    return this.request(`/grantors/${pathOf(entity)}`);
  }

  getRollups(by: 'domains' | 'teams'): Promise<ScorecardRollup[]> {
    return this.request(`/rollups/${by}`);
  }

  getTrend(by: 'day' | 'hour', from?: Date): Promise<MeshTrendPoint[]> {
    const params = new URLSearchParams({ by });
    if (from) params.set('from', from.toISOString());
    return this.request(`/history?${params}`);
  }

  getHistory(entity: CompoundEntityRef): Promise<ScorecardHistoryPoint[]> {
    return this.request(`/history/${pathOf(entity)}`);
  }

  listChecks(): Promise<GovernanceCheckInfo[]> {
    return this.request('/checks');
  }

  listExemptions(
    query: {
      entityRef?: string;
      state?: ExemptionState | 'all';
      expiringWithinDays?: number;
    } = {},
  ): Promise<StoredExemption[]> {
    const params = new URLSearchParams();
    if (query.entityRef) params.set('entityRef', query.entityRef);
    if (query.state) params.set('state', query.state);
    if (query.expiringWithinDays !== undefined) {
      params.set('expiringWithinDays', String(query.expiringWithinDays));
    }
    const search = params.toString();
    return this.request(`/exemptions${search ? `?${search}` : ''}`);
  }

  grantExemption(request: ExemptionRequest): Promise<StoredExemption> {
    return this.request('/exemptions', { method: 'POST', body: request });
  }

  revokeExemption(id: string, reason: string): Promise<StoredExemption> {
    return this.request(`/exemptions/${encodeURIComponent(id)}/revoke`, {
      method: 'POST',
      body: { reason },
    });
  }

  private async request<T>(path: string, post?: PostRequest): Promise<T> {
    const response = await this.fetch(path, post);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }

  private async fetch(path: string, post?: PostRequest): Promise<Response> {
    const base = await this.options.discoveryApi.getBaseUrl('governance');
    return this.options.fetchApi.fetch(
      `${base}${path}`,
      post && {
        method: post.method,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(post.body),
      },
    );
  }
}
