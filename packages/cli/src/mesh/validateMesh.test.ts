import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { validateMesh } from './validateMesh';

/** A product's YAML, up to the items of its output ports. */
const productHead = (name: string) => [
  'apiVersion: meshwork.dev/v1alpha1',
  'kind: DataProduct',
  `metadata: {name: ${name}}`,
  'spec:',
  '  domain: sales',
  '  owner: group:sales',
  '  lifecycle: production',
  '  type: aggregate',
  '  tier: 2',
  '  version: 1.0.0',
  '  outputPorts:',
];

describe('validateMesh', () => {
  it('reports a product with more issues than a call takes arguments', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-validate-'));
    const ports = 150_000;
    const inputPorts = Array.from(
      { length: ports },
      (_, i) =>
        `    - {name: in-${i}, from: 'dataproduct:default/gone-${i}#x'}`,
    );
    await fs.writeFile(
      path.join(dir, 'product.yaml'),
      [
        ...productHead('wide'),
        "    - {name: out, type: table, dataset: {namespace: 'pg://db', name: sales.wide}}",
        '  inputPorts:',
        ...inputPorts,
        '---',
        ...productHead('unsound'),
        ...Array.from(
          { length: ports },
          (_, i) => `    - {name: out-${i}, type: table}`,
        ),
      ].join('\n'),
    );
    try {
      const { errors, products } = await validateMesh([dir]);
      const missingUpstreams = errors.filter(e => e.entity === 'wide');
      expect(missingUpstreams).toHaveLength(ports);
      expect(missingUpstreams[ports - 1]).toMatchObject({
        path: `spec.inputPorts[${ports - 1}].from`,
      });
      expect(products.map(p => [p.ref, p.issues.length])).toEqual([
        ['dataproduct:default/wide', ports],
      ]);
      const unsound = errors.filter(e => e.entity === 'unsound');
      expect(unsound).toHaveLength(ports);
      expect(unsound[ports - 1]).toMatchObject({
        path: `spec.outputPorts[${ports - 1}].dataset`,
      });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
