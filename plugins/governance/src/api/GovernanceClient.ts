import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
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

  listScorecards(): Promise<ScorecardSummary[]> {
    return this.get('/scorecards');
  }

  getRollups(by: 'domains' | 'teams'): Promise<ScorecardRollup[]> {
    return this.get(`/rollups/${by}`);
  }

  getTrend(by: 'day' | 'hour', from?: Date): Promise<MeshTrendPoint[]> {
    const params = new URLSearchParams({ by });
    if (from) params.set('from', from.toISOString());
    return this.get(`/history?${params}`);
  }

  getHistory(entity: CompoundEntityRef): Promise<ScorecardHistoryPoint[]> {
    return this.get(`/history/${pathOf(entity)}`);
  }

  listChecks(): Promise<GovernanceCheckInfo[]> {
    return this.get('/checks');
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
    return this.get(`/exemptions${search ? `?${search}` : ''}`);
  }

  private async get<T>(path: string): Promise<T> {
    const response = await this.fetch(path);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }

  private async fetch(path: string): Promise<Response> {
    const base = await this.options.discoveryApi.getBaseUrl('governance');
    return this.options.fetchApi.fetch(`${base}${path}`);
  }
}
