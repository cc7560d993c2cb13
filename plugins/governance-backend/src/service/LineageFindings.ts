import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  LineageProductDrift,
  LineageProductSlo,
  RuntimeFindings,
  runtimeFindingsOf,
} from '@meshwork/plugin-governance-common';

/**
 * What the lineage backend measured about products, as findings for the
 * runtime checks. Without a lineage backend (none installed: 404), or
 * without data for a product, there are no findings and those checks are
 * unknown. A lineage backend that fails or cannot be reached is an error:
 * scored with those checks unknown, a product failing one would rise a
 * level for as long as lineage is down.
 */
export class LineageFindings {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
    },
  ) {}

  async of(entityRefs: string[]): Promise<Map<string, RuntimeFindings>> {
    const result = new Map<string, RuntimeFindings>();
    if (entityRefs.length === 0) return result;
    const request = await this.requester();
    // One graph for every product's drift, rather than a graph per product.
    const graph = await request<{ drift: LineageProductDrift[] }>(
      '/products/graph',
    );
    if (!graph) return result;
    // Every product's SLOs in one answer, rather than a request per product.
    const slos = await request<{
      items: Array<LineageProductSlo & { entityRef: string }>;
    }>('/products/slo');
    if (!slos) return result;
    const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
    const drift = new Map(graph.drift.map(d => [lower(d.product), d]));
    const measured = new Map(slos.items.map(s => [lower(s.entityRef), s]));
    for (const ref of entityRefs) {
      const slo = measured.get(lower(ref));
      result.set(ref, runtimeFindingsOf(slo, slo && drift.get(lower(ref))));
    }
    return result;
  }

  /** GET from the lineage backend; undefined for 404 (none installed). */
  private async requester() {
    const { discovery, auth } = this.options;
    const base = await discovery.getBaseUrl('lineage');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'lineage',
    });
    return async <T>(path: string): Promise<T | undefined> => {
      let response: Response;
      try {
        response = await fetch(`${base}${path}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
      } catch (error) {
        throw new ServiceUnavailableError(
          `Lineage backend unreachable (${error})`,
        );
      }
      if (response.ok) return (await response.json()) as T;
      if (response.status === 404) return undefined;
      throw new ServiceUnavailableError(
        `Lineage backend answered ${response.status} for ${path}`,
      );
    };
  }
}
