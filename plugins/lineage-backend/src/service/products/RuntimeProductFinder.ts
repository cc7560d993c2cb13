import { stringifyEntityRef } from '@backstage/catalog-model';
import { DataProductEntityV1alpha1 } from '@meshwork/plugin-data-products-common';
import type { RuntimeProductMatch } from '@meshwork/plugin-lineage-common';
import { LineageReader } from '../../store/LineageReader';

type Dataset = { namespace: string; name: string };
const keyOf = (d: Dataset) => `${d.namespace}\u0000${d.name}`;

/**
 * Finds data products by what runs for them: a job writing an output port
 * belongs to the port's product, and so does any other dataset that job
 * writes (a staging table, say). On-call often knows only the failing job
 * or table, which no product declares.
 */
export class RuntimeProductFinder {
  constructor(
    private readonly options: {
      loadProducts: () => Promise<DataProductEntityV1alpha1[]>;
      reader: LineageReader;
    },
  ) {}

  /**
   * The products of the jobs and datasets (up to `limit` of each) whose
   * name or namespace holds `term`; those named `term` first.
   */
  async find(term: string, limit: number): Promise<RuntimeProductMatch[]> {
    const [products, jobs, datasets] = await Promise.all([
      this.options.loadProducts(),
      this.options.reader.searchWrites('job', term, limit),
      this.options.reader.searchWrites('dataset', term, limit),
    ]);
    const portsByDataset = new Map<
      string,
      Array<{ entityRef: string; port: string }>
    >();
    for (const product of products) {
      for (const port of product.spec.outputPorts ?? []) {
        const owners = portsByDataset.get(keyOf(port.dataset)) ?? [];
        owners.push({
          entityRef: stringifyEntityRef(product),
          port: port.name,
        });
        portsByDataset.set(keyOf(port.dataset), owners);
      }
    }
    const lowerTerm = term.toLocaleLowerCase('en-US');
    const matches: RuntimeProductMatch[] = [];
    const seen = new Set<string>();
    for (const [type, nodes] of [
      ['job', jobs],
      ['dataset', datasets],
    ] as const) {
      for (const node of nodes) {
        for (const { job, dataset } of node.writes) {
          for (const { entityRef, port } of portsByDataset.get(
            keyOf(dataset),
          ) ?? []) {
            const key = [entityRef, port, type, node.namespace, node.name];
            if (seen.has(key.join('\u0000'))) continue;
            seen.add(key.join('\u0000'));
            matches.push({
              entityRef,
              port,
              via: { type, namespace: node.namespace, name: node.name },
              job,
              exact: node.name.toLocaleLowerCase('en-US') === lowerTerm,
            });
          }
        }
      }
    }
    // Stable: jobs before datasets, each in the order found.
    return matches.sort((a, b) => Number(b.exact) - Number(a.exact));
  }
}
