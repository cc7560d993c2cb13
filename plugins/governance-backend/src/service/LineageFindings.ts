import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  LineageProductDrift,
  LineageProductSlo,
  RuntimeFindings,
  runtimeFindingsOf,
} from '@meshwork/plugin-governance-common';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * What the lineage backend measured about products, as findings for the
 * runtime checks. Without a lineage backend (none installed: 404), or
 * without data for a product, there are no findings and those checks are
 * unknown. While a lineage backend fails or cannot be reached, the findings
 * it gave last stand in, each saying when it was measured, so that a revoked
 * or expired exemption and a product's own changes are scored meanwhile; a
 * product it gave none for since this backend started is left out of the
 * answer (scored with those checks unknown, a product failing one would rise
 * a level), and with none to stand in, that is an error.
 */
export class LineageFindings {
  /** By lower-case ref: what lineage answered last. */
  private readonly lastKnown = new Map<string, RuntimeFindings>();
  private lastAnswer?: Date;
  /** Whether the findings of lastAnswer stand in now (logged once). */
  private standingIn = false;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger?: LoggerService;
    },
  ) {}

  /** Whether lineage answered the last ask, rather than findings standing in. */
  get answering(): boolean {
    return !this.standingIn;
  }

  /** Each product's findings; one left out has none to score with now. */
  async of(entityRefs: string[]): Promise<Map<string, RuntimeFindings>> {
    let result: Map<string, RuntimeFindings>;
    try {
      result = await this.read(entityRefs);
    } catch (error) {
      const known = entityRefs.filter(ref => this.lastKnown.has(lower(ref)));
      if (!(error instanceof ServiceUnavailableError) || known.length === 0) {
        throw error;
      }
      if (!this.standingIn) {
        this.standingIn = true;
        this.options.logger?.warn(
          `${
            error.message
          }: scoring with the runtime findings it gave at ${this.lastAnswer?.toISOString()} until it answers`,
        );
      }
      const measuredBy = ` (measured by ${this.lastAnswer!.toISOString()}; lineage has not answered since)`;
      return new Map(
        known.map(ref => [
          ref,
          Object.fromEntries(
            Object.entries(this.lastKnown.get(lower(ref))!).map(
              ([check, finding]) => [
                check,
                finding && {
                  ...finding,
                  message: `${finding.message}${measuredBy}`,
                },
              ],
            ),
          ),
        ]),
      );
    }
    this.standingIn = false;
    this.lastAnswer = new Date();
    for (const [ref, findings] of result) {
      this.lastKnown.set(lower(ref), findings);
    }
    return result;
  }

  private async read(
    entityRefs: string[],
  ): Promise<Map<string, RuntimeFindings>> {
    const result = new Map<string, RuntimeFindings>();
    if (entityRefs.length === 0) return result;
    const none = () => new Map(entityRefs.map(ref => [ref, {}]));
    const request = await this.requester();
    // One graph for every product's drift, rather than a graph per product.
    const graph = await request<{ drift: LineageProductDrift[] }>(
      '/products/graph',
    );
    if (!graph) return none();
    // Every product's SLOs in one answer, rather than a request per product.
    const slos = await request<{
      items: Array<LineageProductSlo & { entityRef: string }>;
    }>('/products/slo');
    if (!slos) return none();
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
