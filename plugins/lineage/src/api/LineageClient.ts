import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  lineageEntityPath,
  MAX_DATASETS_PER_OWNERS_REQUEST,
  MAX_OWNERS_REQUEST_BYTES,
} from '@meshwork/plugin-lineage-common';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { GraphQuery, LineageApi, SearchResult } from './LineageApi';
import type {
  Dataset,
  DatasetDetails,
  DatasetOwner,
  DeclaredJobProduct,
  LineageGraph,
  MarquezLineageGraph,
  PortWrites,
  ProductGraph,
  ProductImpact,
  ProductLineage,
  ProductSlo,
  Run,
} from './types';

/**
 * `items` in parts the backend takes in one request of dataset owners or
 * declared jobs: at most MAX_DATASETS_PER_OWNERS_REQUEST of them, and
 * their JSON within MAX_OWNERS_REQUEST_BYTES (long names fill it first).
 */
function ownersRequestParts<T>(items: T[]): T[][] {
  // Room for the body around the list.
  const budget = MAX_OWNERS_REQUEST_BYTES - 64;
  const encoder = new TextEncoder();
  const parts: T[][] = [];
  let part: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = encoder.encode(JSON.stringify(item)).length + 1;
    if (
      part.length > 0 &&
      (part.length === MAX_DATASETS_PER_OWNERS_REQUEST || bytes + size > budget)
    ) {
      parts.push(part);
      part = [];
      bytes = 0;
    }
    part.push(item);
    bytes += size;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/** The lineage backend's path of a catalog entity, from its ref. */
function entityPath(entityRef: string): string {
  return lineageEntityPath(parseEntityRef(entityRef));
}

/** Talks to `/api/lineage` with the signed-in user's token. */
export class LineageClient implements LineageApi {
  /**
   * The bodies of GETs in flight, by path: a product page's cards ask for
   * some of the same (its ports' graphs for the SLO causes and the runs),
   * and are sent one request for them.
   */
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  graph(nodeId: string, query: GraphQuery): Promise<LineageGraph> {
    return this.get('graph', {
      nodeId,
      upstreamDepth: String(query.upstreamDepth),
      downstreamDepth: String(query.downstreamDepth),
      maxNodes: String(query.maxNodes),
      ...(query.edges ? { edges: query.edges } : {}),
      // Its cards and details name streaming jobs, services and streams.
      types: 'true',
    });
  }

  productGraph(): Promise<ProductGraph> {
    return this.get('products/graph');
  }

  productLineage(entityRef: string): Promise<ProductLineage> {
    return this.get(`${entityPath(entityRef)}/lineage`);
  }

  slo(entityRef: string): Promise<ProductSlo> {
    return this.get(`${entityPath(entityRef)}/slo`);
  }

  impact(entityRef: string, port?: string): Promise<ProductImpact> {
    return this.get(`${entityPath(entityRef)}/impact`, port ? { port } : {});
  }

  writes(entityRef: string, limit: number): Promise<PortWrites> {
    return this.get(`${entityPath(entityRef)}/writes`, {
      limit: String(limit),
    });
  }

  async datasetOwners(datasets: Dataset[]): Promise<DatasetOwner[]> {
    // Each dataset once, in as many requests as the backend's limit needs.
    const distinct = [
      ...new Map(
        datasets.map(({ namespace, name }) => [
          `${namespace}\u0000${name}`,
          { namespace, name },
        ]),
      ).values(),
    ];
    return this.postInParts<DatasetOwner>(
      'products/datasets',
      'datasets',
      distinct,
    );
  }

  async declaredJobProducts(jobIds: string[]): Promise<DeclaredJobProduct[]> {
    return this.postInParts<DeclaredJobProduct>('products/jobs', 'jobs', [
      ...new Set(jobIds),
    ]);
  }

  async runs(
    jobNodeId: string,
    limit: number,
    options: { children?: boolean } = {},
  ): Promise<Run[]> {
    const { runs } = await this.get<{ runs: Run[] }>('runs', {
      job: jobNodeId,
      limit: String(limit),
      ...(options.children ? { children: 'true' } : {}),
    });
    return runs;
  }

  dataset(nodeId: string): Promise<DatasetDetails> {
    return this.get('datasets', { nodeId });
  }

  columnLineage(fieldNodeId: string): Promise<MarquezLineageGraph> {
    return this.get('api/v1/column-lineage', {
      nodeId: fieldNodeId,
      withDownstream: 'true',
    });
  }

  async search(q: string, type: 'dataset' | 'job') {
    const { results } = await this.get<{ results: SearchResult[] }>('search', {
      q,
      type,
      limit: '20',
    });
    return results;
  }

  /**
   * The `items` of POSTing `list` to `path` as `{ [key]: list }`, in as
   * many requests as the backend's limit needs.
   */
  private async postInParts<T>(
    path: string,
    key: string,
    list: unknown[],
  ): Promise<T[]> {
    let found: T[] = [];
    for (const part of ownersRequestParts(list)) {
      const { items } = await this.request<{ items: T[] }>(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ [key]: part }),
      });
      found = found.concat(items);
    }
    return found;
  }

  private async get<T>(
    path: string,
    query: Record<string, string> = {},
  ): Promise<T> {
    const search = new URLSearchParams(query).toString();
    const url = search ? `${path}?${search}` : path;
    let body = this.pending.get(url);
    if (!body) {
      body = this.send(url)
        .then(response => response.text())
        .finally(() => this.pending.delete(url));
      this.pending.set(url, body);
    }
    // Parsed for each caller: none sees what another changes in its answer.
    return JSON.parse(await body);
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    return (await this.send(path, init)).json();
  }

  private async send(path: string, init?: RequestInit): Promise<Response> {
    const base = await this.options.discoveryApi.getBaseUrl('lineage');
    const response = await this.options.fetchApi.fetch(`${base}/${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
