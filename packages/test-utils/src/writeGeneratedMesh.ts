import { promises as fs } from 'fs';
import path from 'path';
import { stringify } from 'yaml';

export type GeneratedMeshOptions = {
  dir: string;
  count: number;
  /** Columns per contract; the first is `p<i>_id`, unique to product i. */
  columns?: number;
  /** Also write one Component per product with the same relations. */
  components?: boolean;
};

const DOMAINS = 20;
const TEAMS = 50;
const TYPES = ['source-aligned', 'aggregate', 'consumer-aligned'];
const LIFECYCLES = ['production', 'production', 'experimental', 'deprecated'];

/** Product i reads product i-1's port unless it starts a chain of 10. */
const generatedUpstreamOf = (i: number) => (i % 10 === 0 ? undefined : i - 1);

function orgDocuments() {
  const docs: object[] = [];
  for (let t = 0; t < TEAMS; t++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        name: `team-${t}`,
        annotations: { 'meshwork.dev/oncall-contact': `#team-${t}-oncall` },
      },
      spec: { type: 'team', children: [] },
    });
  }
  for (let d = 0; d < DOMAINS; d++) {
    const owner = `group:team-${d % TEAMS}`;
    docs.push(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Domain',
        metadata: { name: `domain-${d}` },
        spec: { owner },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: `domain-${d}` },
        spec: { owner, domain: `domain-${d}` },
      },
    );
  }
  return docs;
}

function contract(i: number, columns: number) {
  return {
    apiVersion: 'v3.0.2',
    kind: 'DataContract',
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    version: '1.0.0',
    status: 'active',
    schema: [
      {
        name: `table_${i}`,
        physicalType: 'table',
        properties: Array.from({ length: columns }, (_, c) => ({
          name: c === 0 ? `p${i}_id` : `column_${c}`,
          logicalType: c % 3 === 0 ? 'integer' : 'string',
          physicalType: c % 3 === 0 ? 'bigint' : 'varchar(64)',
          required: c === 0,
          primaryKey: c === 0,
          classification: c === 1 ? 'pii' : 'internal',
        })),
      },
    ],
    slaProperties: [{ property: 'latency', value: 30, unit: 'm' }],
  };
}

/**
 * Writes a generated mesh for benchmarks: 50 teams, 20 domains and `count`
 * data products with contract files, in chains of 10 through their input
 * ports, with varied type, tier and lifecycle. Files: `org.yaml`,
 * `products/*.yaml`, `contracts/*.odcs.yaml` and, if asked, `components/*.yaml`.
 */
export async function writeGeneratedMesh(options: GeneratedMeshOptions) {
  const { dir, count, columns = 20, components = false } = options;
  for (const sub of ['products', 'contracts', 'components']) {
    await fs.mkdir(path.join(dir, sub), { recursive: true });
  }
  await fs.writeFile(
    path.join(dir, 'org.yaml'),
    orgDocuments()
      .map(d => stringify(d))
      .join('---\n'),
  );
  for (let i = 0; i < count; i++) {
    const up = generatedUpstreamOf(i);
    const owner = `group:team-${i % TEAMS}`;
    const domain = `domain-${i % DOMAINS}`;
    await fs.writeFile(
      path.join(dir, 'contracts', `p-${i}.odcs.yaml`),
      stringify(contract(i, columns)),
    );
    await fs.writeFile(
      path.join(dir, 'products', `p-${i}.yaml`),
      stringify({
        apiVersion: 'meshwork.dev/v1alpha1',
        kind: 'DataProduct',
        metadata: { name: `p-${i}`, tags: [`tier-${(i % 3) + 1}`] },
        spec: {
          domain,
          owner,
          lifecycle: LIFECYCLES[i % LIFECYCLES.length],
          type: TYPES[i % TYPES.length],
          tier: (i % 3) + 1,
          version: '1.0.0',
          outputPorts: [
            {
              name: 'out',
              type: 'table',
              dataset: { namespace: 'postgres://w:5432', name: `a.t_${i}` },
              contract: `../contracts/p-${i}.odcs.yaml`,
            },
          ],
          ...(up === undefined
            ? {}
            : {
                inputPorts: [
                  { name: 'in', from: `dataproduct:default/p-${up}#out` },
                ],
              }),
        },
      }),
    );
    if (components) {
      // Same relations: owner, domain (through its system), one dependency.
      await fs.writeFile(
        path.join(dir, 'components', `c-${i}.yaml`),
        stringify({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: `c-${i}` },
          spec: {
            type: 'service',
            lifecycle: 'production',
            owner,
            system: domain,
            ...(up === undefined
              ? {}
              : { dependsOn: [`component:default/c-${up}`] }),
          },
        }),
      );
    }
  }
}
