import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { parseAllDocuments, stringify as stringifyYaml } from 'yaml';
import { KNOWN_KINDS } from '../mesh/checkCatalogEntity';
import { check } from './check';

const fixtures = path.resolve(__dirname, '../__fixtures__/governance');
// Beside the fixtures, not among them: `check` reads every YAML under a path.
const configs = path.resolve(__dirname, '../__fixtures__/governance-config');
const repoRoot = path.resolve(__dirname, '../../../..');

function captureStdout() {
  const out: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    out.push(String(chunk));
    return true;
  });
  jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return () => out.join('');
}

/** The entities of a fixture file. */
const readFixture = async (file: string): Promise<any[]> =>
  parseAllDocuments(await fs.readFile(path.join(fixtures, file), 'utf8')).map(
    doc => doc.toJS(),
  );

/** The catalog rules of the fixtures' config: every kind, from anywhere. */
const allowAll = { rules: [{ allow: KNOWN_KINDS }] };

/** An input port naming a product that does not exist. */
const ghostPort = { name: 'ghost', from: 'dataproduct:default/ghost#payments' };

/**
 * `meshwork check --format json` of `products`, in one file beside the
 * fixtures' org (and `files`, by name), under `policies` (the fixtures'
 * config without them).
 */
async function checkProducts(
  products: object[],
  policies?: object[],
  files: Record<string, string> = {},
) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-check-'));
  const mesh = path.join(dir, 'mesh');
  try {
    await fs.mkdir(mesh);
    for (const [name, text] of Object.entries(files)) {
      await fs.writeFile(path.join(mesh, name), text);
    }
    await fs.writeFile(
      path.join(mesh, 'org.yaml'),
      await fs.readFile(path.join(fixtures, 'org.yaml')),
    );
    await fs.writeFile(
      path.join(mesh, 'products.yaml'),
      products.map(entity => stringifyYaml(entity)).join('---\n'),
    );
    let config = path.join(configs, 'config.yaml');
    if (policies) {
      config = path.join(dir, 'config.yaml');
      await fs.writeFile(
        config,
        stringifyYaml({ governance: { policies }, catalog: allowAll }),
      );
    }
    const output = captureStdout();
    const code = await check([mesh], { format: 'json', config: [config] });
    return { code, report: JSON.parse(output()) };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const run = (format: 'text' | 'json' | 'junit', config = 'config.yaml') =>
  check([fixtures], { format, config: [path.join(configs, config)] });

describe('meshwork check', () => {
  afterEach(() => jest.restoreAllMocks());

  it("fails on an error-severity check, here a domain's stricter policy", async () => {
    const output = captureStdout();
    await expect(run('text')).resolves.toBe(1);
    const text = output();
    expect(text).toContain(
      'dataproduct:default/settled-payments gold (100/100)',
    );
    // Global policy: a missing runbook is a warning…
    expect(text).toContain('dataproduct:default/unsettled-payments bronze');
    expect(text).toContain('  warning: runbook-present: No runbook.');
    // …which the payments domain raises to an error.
    expect(text).toContain('dataproduct:default/no-runbook none');
    expect(text).toContain(
      '  error: runbook-present: No runbook. Fix: Add spec.support.runbook',
    );
  });

  it("says when a product's domain, and so its policy, could not be read", async () => {
    const errors: string[] = [];
    captureStdout();
    jest.spyOn(process.stderr, 'write').mockImplementation(chunk => {
      errors.push(String(chunk));
      return true;
    });
    await check([path.join(fixtures, 'products')], {
      format: 'text',
      config: [path.join(configs, 'config.yaml')],
    });
    expect(errors).toContain(
      "meshwork: domain:default/payments is neither among the paths given nor looked up (give --backend): its products are checked without the domain's own policy\n",
    );
    // Its owner, a group of the org the paths leave out, is not looked up.
    expect(errors).toContainEqual(
      expect.stringMatching(
        /^meshwork: group:default\/[a-z-]+ is neither among the paths given nor looked up \(give --backend\): the checks of its products' owner fail\n$/,
      ),
    );
    errors.length = 0;
    await run('text');
    expect(errors.join('')).not.toContain('without the domain');
    expect(errors.join('')).not.toContain("products' owner");
  });

  it('prints JSON with every scorecard', async () => {
    const output = captureStdout();
    await run('json');
    const report = JSON.parse(output());
    expect(report.passed).toBe(false);
    expect(report.scorecards).toHaveLength(3);
    const noRunbook = report.scorecards.find(
      (s: { entityRef: string }) =>
        s.entityRef === 'dataproduct:default/no-runbook',
    );
    expect(
      noRunbook.checks.find((c: { id: string }) => c.id === 'runbook-present'),
    ).toEqual({
      id: 'runbook-present',
      title: 'Runbook',
      category: 'documentation',
      severity: 'error',
      status: 'fail',
      message: 'No runbook.',
      remediation:
        'Add spec.support.runbook with the URL of the runbook, or a link of type runbook to the owning Group.',
    });
  });

  it('prints JUnit XML where only error-severity failures fail', async () => {
    const output = captureStdout();
    await run('junit');
    const xml = output();
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="meshwork check">/,
    );
    expect(xml).toContain(
      '<testsuite name="dataproduct:default/no-runbook" tests="4" failures="1">',
    );
    expect(xml).toContain(
      '<failure message="No runbook." type="error">Add spec.support.runbook with the URL of the runbook, or a link of type runbook to the owning Group.</failure>',
    );
    expect(xml).toContain(
      '<testsuite name="dataproduct:default/unsettled-payments" tests="4" failures="0">',
    );
  });

  it('escapes what a contract holds that would break the output: a workflow command, a control character', async () => {
    const [settled] = await readFixture('products/settled-payments.yaml');
    const [port] = settled.spec.outputPorts;
    const column = 'payment_id\n::error file=x::all good\u0001\u001b[31m';
    const product = {
      ...settled,
      spec: {
        ...settled.spec,
        outputPorts: [
          {
            ...port,
            contract: {
              ...port.contract,
              schema: [{ name: 'payments', properties: [{ name: column }] }],
            },
          },
        ],
      },
    };
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-check-'));
    try {
      const mesh = path.join(dir, 'mesh');
      await fs.mkdir(mesh);
      await fs.cp(path.join(fixtures, 'org.yaml'), path.join(mesh, 'org.yaml'));
      await fs.writeFile(
        path.join(mesh, 'products.yaml'),
        stringifyYaml(product),
      );
      const config = path.join(dir, 'config.yaml');
      await fs.writeFile(
        config,
        stringifyYaml({
          governance: {
            policies: [{ name: 'pii', checks: ['pii-classified'] }],
          },
          catalog: allowAll,
        }),
      );
      const escaped = 'payment_id\\n::error file=x::all good\\u0001\\u001b[31m';

      let output = captureStdout();
      await expect(
        check([mesh], { format: 'text', config: [config] }),
      ).resolves.toBe(1);
      expect(output()).toContain(`Unclassified columns: payments.${escaped}.`);
      expect(output()).not.toMatch(/^::/m);
      jest.restoreAllMocks();

      output = captureStdout();
      await expect(
        check([mesh], { format: 'junit', config: [config] }),
      ).resolves.toBe(1);
      expect(output()).toContain(`Unclassified columns: payments.${escaped}.`);
      // Only what XML 1.0 can hold.
      expect(output()).not.toMatch(
        /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u,
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('checks the products a Location names, and fails a run with none', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-check-'));
    try {
      const location = path.join(dir, 'catalog-info.yaml');
      const relative = path.relative(dir, fixtures);
      await fs.writeFile(
        location,
        stringifyYaml({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Location',
          metadata: { name: 'team' },
          spec: {
            targets: [
              `./${relative}/org.yaml`,
              `./${relative}/products/*.yaml`,
            ],
          },
        }),
      );
      const output = captureStdout();
      await expect(
        check([location], {
          format: 'json',
          config: [path.join(configs, 'config.yaml')],
        }),
      ).resolves.toBe(1);
      const report = JSON.parse(output());
      expect(report.scorecards).toHaveLength(3);
      expect(report.errors).toEqual([]);
      await fs.rm(location);
      const stderr = jest.spyOn(process.stderr, 'write');
      await expect(
        check([dir], {
          format: 'text',
          config: [path.join(configs, 'config.yaml')],
        }),
      ).resolves.toBe(1);
      expect(stderr).toHaveBeenLastCalledWith(
        'no data product could be checked\n',
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("reads a product's domain and owner in the product's own namespace", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-check-'));
    try {
      const inFinance = (entity: any) => ({
        ...entity,
        metadata: { ...entity.metadata, namespace: 'finance' },
      });
      const org = await readFixture('org.yaml');
      // The payments domain of `default` without the stricter policy; the
      // one of `finance` with it.
      const lenient = org.map(entity => {
        if (entity.kind !== 'Domain') return entity;
        const { annotations: _annotations, ...metadata } = entity.metadata;
        return { ...entity, metadata };
      });
      const [product] = await readFixture('products/no-runbook.yaml');
      await fs.writeFile(
        path.join(dir, 'mesh.yaml'),
        [...lenient, ...org.map(inFinance), inFinance(product)]
          .map(entity => stringifyYaml(entity))
          .join('---\n'),
      );
      const output = captureStdout();
      await expect(
        check([dir], {
          format: 'text',
          config: [path.join(configs, 'config.yaml')],
        }),
      ).resolves.toBe(1);
      const text = output();
      expect(text).toContain('dataproduct:finance/no-runbook none');
      expect(text).toContain('  error: runbook-present: No runbook.');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('tells apart the products of one file', async () => {
    const [settled] = await readFixture('products/settled-payments.yaml');
    const named = (name: string, spec: object = {}) => ({
      ...settled,
      metadata: { ...settled.metadata, name },
      spec: {
        ...settled.spec,
        outputPorts: settled.spec.outputPorts.map((port: any) => ({
          ...port,
          dataset: { ...port.dataset, name: `analytics.${name}` },
        })),
        ...spec,
      },
    });
    const { owner: _owner, ...ownerless } = named('ownerless').spec;
    const { code, report } = await checkProducts(
      [
        named('sound'),
        named('reads-a-ghost', { inputPorts: [ghostPort] }),
        { ...named('ownerless'), spec: ownerless },
      ],
      [{ name: 'references', checks: ['input-ports-resolve'] }],
    );
    expect(code).toBe(1);
    const inputPorts = (name: string) =>
      report.scorecards
        .find((s: any) => s.entityRef === `dataproduct:default/${name}`)
        .checks.find((c: any) => c.id === 'input-ports-resolve').status;
    expect(inputPorts('sound')).toBe('pass');
    expect(inputPorts('reads-a-ghost')).toBe('fail');
    expect(report.errors).toEqual([
      {
        file: expect.stringMatching(/products\.yaml$/),
        entity: 'ownerless',
        path: 'spec.owner',
        message: 'is required',
      },
    ]);
  });

  it('fails on a successor that resolves to nothing, though no check reads successors', async () => {
    const [settled] = await readFixture('products/settled-payments.yaml');
    const { code, report } = await checkProducts(
      [
        {
          ...settled,
          spec: {
            ...settled.spec,
            lifecycle: 'deprecated',
            deprecation: { successor: 'ghost' },
          },
        },
      ],
      [{ name: 'references', checks: ['input-ports-resolve'] }],
    );
    expect(code).toBe(1);
    expect(report.errors).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/products\.yaml$/),
        path: 'spec.deprecation.successor',
        message: expect.stringMatching(
          /^dataproduct:default\/ghost is not among/,
        ),
      }),
    ]);
  });

  it('fails on an input port that resolves to nothing when no policy checks input ports', async () => {
    const [settled] = await readFixture('products/settled-payments.yaml');
    const { code, report } = await checkProducts([
      { ...settled, spec: { ...settled.spec, inputPorts: [ghostPort] } },
    ]);
    expect(code).toBe(1);
    expect(report.errors).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/products\.yaml$/),
        path: expect.stringMatching(/^spec\.inputPorts\[0\]/),
      }),
    ]);
  });

  it('counts a contract without a schema object as missing, as the scorecards do', async () => {
    const [settled] = await readFixture('products/settled-payments.yaml');
    const { schema: _schema, ...schemaless } =
      settled.spec.outputPorts[0].contract;
    const { code, report } = await checkProducts(
      [
        {
          ...settled,
          spec: {
            ...settled.spec,
            outputPorts: [
              { ...settled.spec.outputPorts[0], contract: schemaless },
            ],
          },
        },
      ],
      [{ name: 'contracts', checks: ['output-ports-have-contracts'] }],
    );
    expect(code).toBe(1);
    expect(
      report.scorecards[0].checks.find(
        (c: any) => c.id === 'output-ports-have-contracts',
      ),
    ).toMatchObject({
      status: 'fail',
      severity: 'error',
      message:
        'The contract of port payments names no column: it has no schema objects.',
    });
  });

  it('says a valid contract file naming no column names none, and which file', async () => {
    const [settled] = await readFixture('products/settled-payments.yaml');
    // A Kafka topic whose schema a schema registry holds (valid ODCS).
    const topic = stringifyYaml({
      apiVersion: 'v3.0.2',
      kind: 'DataContract',
      id: 'payments-topic',
      version: '1.0.0',
      status: 'active',
      servers: [{ server: 'kafka', type: 'kafka', host: 'broker:9092' }],
      schema: [{ name: 'Orders', physicalType: 'topic' }],
    });
    const { code, report } = await checkProducts(
      [
        {
          ...settled,
          spec: {
            ...settled.spec,
            outputPorts: [
              { ...settled.spec.outputPorts[0], contract: './topic.odcs.yaml' },
            ],
          },
        },
      ],
      [{ name: 'contracts', checks: ['output-ports-have-contracts'] }],
      { 'topic.odcs.yaml': topic },
    );
    expect(report.errors).toEqual([]);
    expect(code).toBe(1);
    const outcome = report.scorecards[0].checks.find(
      (c: any) => c.id === 'output-ports-have-contracts',
    );
    expect(outcome.message).toMatch(
      /^The contract of port payments \(\S*mesh\/topic\.odcs\.yaml\) names no column: schema object Orders has no properties\.$/,
    );
    expect(outcome.remediation).toContain('`properties`');
    expect(outcome.remediation).not.toMatch(/validate/);
  });

  it("leaves a contract a URL names to the catalog's scorecard", async () => {
    const [settled] = await readFixture('products/settled-payments.yaml');
    const { code, report } = await checkProducts(
      [
        {
          ...settled,
          spec: {
            ...settled.spec,
            outputPorts: [
              {
                ...settled.spec.outputPorts[0],
                contract: { $yaml: 'https://example.com/payments.odcs.yaml' },
              },
            ],
          },
        },
      ],
      [{ name: 'contracts', checks: ['output-ports-have-contracts'] }],
    );
    expect(report.errors).toEqual([]);
    expect(
      report.scorecards[0].checks.find(
        (c: any) => c.id === 'output-ports-have-contracts',
      ),
    ).toMatchObject({ status: 'pass' });
    expect(code).toBe(0);
  });

  it('passes the example mesh under its own app-config', async () => {
    captureStdout();
    await expect(
      check([path.join(repoRoot, 'catalog-info')], {
        format: 'text',
        config: [path.join(repoRoot, 'app-config.yaml')],
      }),
    ).resolves.toBe(0);
  });

  it('checks under the built-in policy where there is no app-config, and says so', async () => {
    const output = captureStdout();
    const stderr = jest.spyOn(process.stderr, 'write');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-no-config-'));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      await expect(
        check([path.join(repoRoot, 'catalog-info')], { format: 'json' }),
      ).resolves.toBe(0);
    } finally {
      process.chdir(cwd);
      await fs.rm(dir, { recursive: true });
    }
    expect(stderr).toHaveBeenCalledWith(
      expect.stringContaining(
        'no app-config.yaml here: checking under the built-in policy',
      ),
    );
    expect(JSON.parse(output()).scorecards.length).toBeGreaterThan(0);
  });

  it('stops on an ./app-config.yaml that cannot be read, rather than check under the built-in policy', async () => {
    captureStdout();
    const dir = await fs.mkdtemp(
      path.join(os.tmpdir(), 'meshwork-bad-config-'),
    );
    await fs.mkdir(path.join(dir, 'app-config.yaml'));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      await expect(
        check([path.join(repoRoot, 'catalog-info')], { format: 'text' }),
      ).rejects.toThrow('--config app-config.yaml: is a folder, not a file');
    } finally {
      process.chdir(cwd);
      await fs.rm(dir, { recursive: true });
    }
  });

  it('names a config given that cannot be read', async () => {
    captureStdout();
    await expect(
      check([fixtures], {
        format: 'text',
        config: [path.join(fixtures, 'nope.yaml')],
      }),
    ).rejects.toThrow(/^--config .*nope\.yaml: cannot read \(ENOENT/);
  });

  it('names a config that is not usable YAML', async () => {
    captureStdout();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-config-'));
    try {
      const config = path.join(dir, 'app-config.yaml');
      await fs.writeFile(config, 'catalog:\n  rules: [\n');
      await expect(
        check([fixtures], { format: 'text', config: [config] }),
      ).rejects.toThrow(
        `--config ${config}: is not valid YAML at line 3, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      );
      await fs.writeFile(config, 'a: &a { b: *a }\ncatalog: {}\n');
      await expect(
        check([fixtures], { format: 'text', config: [config] }),
      ).rejects.toThrow(
        `--config ${config}: is not usable YAML: an alias refers to a value that contains it`,
      );
    } finally {
      await fs.rm(dir, { recursive: true });
    }
  });

  it('stops on a policy with an unknown check, naming it and its file', async () => {
    captureStdout();
    await expect(run('text', 'bad-config.yaml')).rejects.toThrow(
      `--config ${path.join(
        configs,
        'bad-config.yaml',
      )}: Invalid governance policies: policy "strict": unknown check "runbook"`,
    );
  });

  it('checks under every --config given, merged in order as the backend reads them', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-configs-'));
    try {
      const [product] = await readFixture('products/settled-payments.yaml');
      delete product.metadata.description;
      await fs.mkdir(path.join(dir, 'mesh'));
      await fs.cp(
        path.join(fixtures, 'org.yaml'),
        path.join(dir, 'mesh/org.yaml'),
      );
      await fs.writeFile(
        path.join(dir, 'mesh/product.yaml'),
        stringifyYaml(product),
      );
      // The platform's policies, and production's settings on top: its
      // database password, not set here, is not what check reads.
      const base = path.join(dir, 'app-config.yaml');
      await fs.writeFile(
        base,
        stringifyYaml({
          governance: {
            policies: [
              {
                name: 'strict',
                checks: [{ id: 'description-present', severity: 'error' }],
              },
            ],
          },
          catalog: allowAll,
        }),
      );
      const production = path.join(dir, 'app-config.production.yaml');
      await fs.writeFile(
        production,
        [
          'backend:',
          '  database:',
          '    connection: { password: "${MESHWORK_TEST_UNSET}" }',
          'catalog:',
          '  processingInterval: { seconds: 120 }',
        ].join('\n'),
      );
      const output = captureStdout();
      await expect(
        check([path.join(dir, 'mesh')], {
          format: 'text',
          config: [base, production],
        }),
      ).resolves.toBe(1);
      expect(output()).toContain('  error: description-present:');
    } finally {
      await fs.rm(dir, { recursive: true });
    }
  });
});
