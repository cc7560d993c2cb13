import { validateDataProductEntity } from './validateDataProductEntity';

function validProduct(): any {
  return {
    apiVersion: 'meshwork.dev/v1alpha1',
    kind: 'DataProduct',
    metadata: { name: 'orders', description: 'Confirmed orders.' },
    spec: {
      domain: 'checkout',
      owner: 'group:checkout-data',
      lifecycle: 'production',
      type: 'aggregate',
      tier: 1,
      version: '2.1.0',
      outputPorts: [
        {
          name: 'orders',
          type: 'table',
          dataset: {
            namespace: 'postgres://warehouse:5432',
            name: 'analytics.checkout.orders',
          },
          contract: './contracts/orders.odcs.yaml',
        },
      ],
      inputPorts: [
        { name: 'events', from: 'dataproduct:default/checkout-events#events' },
        { name: 'fx', dataset: { namespace: 's3://vendor', name: 'fx/daily' } },
      ],
      slos: {
        freshness: { maxDelay: '30m', objective: '99%' },
        volume: { minRatio: 0.8, maxRatio: 1.2, window: '7d' },
        quality: [{ column: 'customer_id', metric: 'nullRate', max: 0.001 }],
        schema: { breakingChangeNotice: '7d' },
      },
      support: {
        runbook: 'https://runbooks.example/orders',
        oncall: { provider: 'pagerduty', id: 'P123', contact: '#oncall' },
        channels: [{ type: 'slack', url: 'https://slack.example/c' }],
      },
    },
  };
}

describe('validateDataProductEntity', () => {
  it('accepts a complete product', () => {
    expect(validateDataProductEntity(validProduct())).toEqual([]);
  });

  it('accepts a minimal product without SLOs, support or input ports', () => {
    const product = validProduct();
    delete product.spec.slos;
    delete product.spec.support;
    delete product.spec.inputPorts;
    expect(validateDataProductEntity(product)).toEqual([]);
  });

  it.each([
    ['quality', (p: any) => (p.spec.slos.quality = p.spec.slos.quality[0])],
    [
      'outputPorts',
      (p: any) => {
        p.spec.outputPorts = p.spec.outputPorts[0];
        p.spec.slos.quality[0].port = 'orders';
      },
    ],
    ['inputPorts', (p: any) => (p.spec.inputPorts = 'events')],
  ])('reports a %s that is not a list, without failing', (field, mutate) => {
    const product = validProduct();
    mutate(product);
    expect(validateDataProductEntity(product)).toEqual([
      expect.objectContaining({
        path: expect.stringContaining(field),
        message: expect.stringMatching(/^must be an array/),
      }),
    ]);
  });

  it('accepts an input port naming a product in capitals, as the catalog compares refs', () => {
    const product = validProduct();
    product.spec.inputPorts[0].from = 'DataProduct:Default/Customers#customers';
    expect(validateDataProductEntity(product)).toEqual([]);
  });

  it.each(['2.1.0', '2.1.0-rc.1', '2.1.0+build.7', '2.1.0-rc.1+build.7'])(
    'accepts the semantic version %s',
    version => {
      const product = validProduct();
      product.spec.version = version;
      expect(validateDataProductEntity(product)).toEqual([]);
    },
  );

  it('accepts a row count rule with no column, as it measures the table', () => {
    const product = validProduct();
    product.spec.slos.quality = [{ metric: 'rowCount', min: 1000 }];
    expect(validateDataProductEntity(product)).toEqual([]);
  });

  it('accepts a quality rule of one of its ports', () => {
    const product = validProduct();
    product.spec.slos.quality[0].port = 'orders';
    expect(validateDataProductEntity(product)).toEqual([]);
  });

  const mistakes: Array<
    [string, (p: any) => void, { path: string; message: RegExp }]
  > = [
    [
      'missing owner',
      p => delete p.spec.owner,
      { path: 'spec.owner', message: /is required/ },
    ],
    [
      'unknown lifecycle',
      p => (p.spec.lifecycle = 'live'),
      {
        path: 'spec.lifecycle',
        message:
          /must be one of "experimental", "production", "deprecated" \(got "live"\)/,
      },
    ],
    [
      'unknown type',
      p => (p.spec.type = 'raw'),
      { path: 'spec.type', message: /"source-aligned"/ },
    ],
    [
      'tier out of range',
      p => (p.spec.tier = 4),
      {
        path: 'spec.tier',
        message: /must be one of 1, 2, 3 \(got the number 4\)/,
      },
    ],
    [
      'version not semver',
      p => (p.spec.version = 'v2'),
      {
        path: 'spec.version',
        message: /semantic version like 2.1.0 \(got "v2"\)/,
      },
    ],
    [
      'no output ports',
      p => (p.spec.outputPorts = []),
      { path: 'spec.outputPorts', message: /must NOT have fewer than 1 items/ },
    ],
    [
      'output port without dataset',
      p => delete p.spec.outputPorts[0].dataset,
      { path: 'spec.outputPorts[0].dataset', message: /is required/ },
    ],
    [
      'dataset without namespace',
      p => delete p.spec.outputPorts[0].dataset.namespace,
      { path: 'spec.outputPorts[0].dataset.namespace', message: /is required/ },
    ],
    [
      'unknown output port type',
      p => (p.spec.outputPorts[0].type = 'stream'),
      {
        path: 'spec.outputPorts[0].type',
        message: /"table", "view", "topic", "file", "api" \(got "stream"\)/,
      },
    ],
    [
      'input port with both from and dataset',
      p => (p.spec.inputPorts[0].dataset = { namespace: 'a', name: 'b' }),
      { path: 'spec.inputPorts[0]', message: /exactly one of 'from'/ },
    ],
    [
      'input port with neither',
      p => delete p.spec.inputPorts[0].from,
      { path: 'spec.inputPorts[0]', message: /exactly one of 'from'/ },
    ],
    [
      'malformed from',
      p => (p.spec.inputPorts[0].from = 'checkout-events'),
      {
        path: 'spec.inputPorts[0].from',
        message:
          /like dataproduct:default\/orders#orders \(got "checkout-events"\)/,
      },
    ],
    [
      'from naming a port not in lowercase',
      p => (p.spec.inputPorts[0].from = 'dataproduct:default/up#Out'),
      {
        path: 'spec.inputPorts[0].from',
        message:
          /^must name the port after # in lowercase letters, digits, - or _, as output ports are named: "out" \(got "dataproduct:default\/up#Out"\)$/,
      },
    ],
    [
      'bad duration',
      p => (p.spec.slos.freshness.maxDelay = '30 minutes'),
      {
        path: 'spec.slos.freshness.maxDelay',
        message: /longer than zero, like 30m/,
      },
    ],
    [
      'a window of more digits than any schedule needs',
      p => (p.spec.slos.freshness.window = '10000000000000w'),
      {
        path: 'spec.slos.freshness.window',
        message: /of at most six digits \(got "10000000000000w"\)/,
      },
    ],
    [
      'zero maximum delay',
      p => (p.spec.slos.freshness.maxDelay = '0m'),
      {
        path: 'spec.slos.freshness.maxDelay',
        message: /duration longer than zero, like 30m/,
      },
    ],
    [
      'bad freshness window',
      p => (p.spec.slos.freshness.window = 'a month'),
      {
        path: 'spec.slos.freshness.window',
        message: /longer than zero, like 30m/,
      },
    ],
    [
      'percentage over 100',
      p => (p.spec.slos.freshness.objective = '101%'),
      { path: 'spec.slos.freshness.objective', message: /between 0% and 100%/ },
    ],
    [
      'volume band inverted',
      p => (p.spec.slos.volume.minRatio = 1.5),
      {
        path: 'spec.slos.volume.minRatio',
        message: /must not exceed maxRatio \(1.5 > 1.2\)/,
      },
    ],
    [
      'null rate written as a percentage',
      p => (p.spec.slos.quality[0].max = 5),
      {
        path: 'spec.slos.quality[0].max',
        message: /^must be a fraction from 0 to 1 for nullRate \(got 5\)$/,
      },
    ],
    [
      'duplicate rate floor over 1',
      p =>
        (p.spec.slos.quality[0] = {
          column: 'order_id',
          metric: 'duplicateRate',
          min: 1.5,
        }),
      {
        path: 'spec.slos.quality[0].min',
        message:
          /^must be a fraction from 0 to 1 for duplicateRate \(got 1.5\)$/,
      },
    ],
    [
      'quality bounds inverted',
      p =>
        (p.spec.slos.quality[0] = {
          column: 'order_id',
          metric: 'duplicateRate',
          min: 0.5,
          max: 0.1,
        }),
      {
        path: 'spec.slos.quality[0].min',
        message: /^must not exceed max \(0.5 > 0.1\)$/,
      },
    ],
    [
      'quality rule without bound',
      p => delete p.spec.slos.quality[0].max,
      { path: 'spec.slos.quality[0]', message: /needs 'max' or 'min'/ },
    ],
    [
      'null rate of no column',
      p => delete p.spec.slos.quality[0].column,
      {
        path: 'spec.slos.quality[0].column',
        message:
          /^is required for nullRate: the column whose nullRate is measured \(only rowCount, of the whole table, takes none\)$/,
      },
    ],
    [
      'duplicate rate of no column',
      p => (p.spec.slos.quality[0] = { metric: 'duplicateRate', max: 0 }),
      {
        path: 'spec.slos.quality[0].column',
        message: /^is required for duplicateRate: /,
      },
    ],
    [
      'row count of a column',
      p =>
        (p.spec.slos.quality[0] = { metric: 'rowCount', column: 'x', min: 1 }),
      {
        path: 'spec.slos.quality[0].column',
        message:
          /^is not taken by rowCount: it counts the rows of the whole table, so it names no column \(got "x"\)$/,
      },
    ],
    [
      'unknown quality metric',
      p => (p.spec.slos.quality[0].metric = 'nulls'),
      { path: 'spec.slos.quality[0].metric', message: /"nullRate"/ },
    ],
    [
      'quality rule of a port the product does not have',
      p => (p.spec.slos.quality[0].port = 'order'),
      {
        path: 'spec.slos.quality[0].port',
        message:
          /must name one of the product's output ports \("orders"\), got "order"/,
      },
    ],
    [
      'runbook not a URL',
      p => (p.spec.support.runbook = 'see wiki'),
      { path: 'spec.support.runbook', message: /http\(s\) URL/ },
    ],
    [
      'runbook link not a web URL',
      p => {
        delete p.spec.support.runbook;
        p.metadata.links = [
          { type: 'dashboard', url: 'grafana' },
          // A hostile link, as a product's YAML may hold one.
          // eslint-disable-next-line no-script-url
          { type: 'runbook', url: 'javascript:alert(1)' },
        ];
      },
      {
        path: 'metadata.links[1].url',
        message:
          /must be an http\(s\) URL, as the runbook on-call opens \(got "javascript:alert\(1\)"\)/,
      },
    ],
    [
      'description not text',
      p => (p.metadata.description = 2024),
      {
        path: 'metadata.description',
        message: /must be a string \(got the number 2024\)/,
      },
    ],
    [
      'links not a list',
      p => (p.metadata.links = 'https://runbooks.example/orders'),
      { path: 'metadata.links', message: /must be an array/ },
    ],
    [
      'name not text',
      p => (p.metadata.name = 42),
      {
        path: 'metadata.name',
        message: /must be a string \(got the number 42\)/,
      },
    ],
    [
      'on-call without contact',
      p => delete p.spec.support.oncall.contact,
      { path: 'spec.support.oncall.contact', message: /is required/ },
    ],
    [
      'misspelt field',
      p => (p.spec.outputports = []),
      { path: 'spec.outputports', message: /is not a known field/ },
    ],
    [
      'duplicate output port',
      p => p.spec.outputPorts.push({ ...p.spec.outputPorts[0] }),
      { path: 'spec.outputPorts[1].name', message: /must be unique/ },
    ],
    [
      'owner not an entity ref',
      p => (p.spec.owner = 'group:'),
      {
        path: 'spec.owner',
        message:
          /must be an entity ref like group:sales-data, or sales-data \(got "group:"\)/,
      },
    ],
    [
      'domain of another kind, which its team may own',
      p => (p.spec.domain = 'component:default/orders-service'),
      {
        path: 'spec.domain',
        message:
          /^must name a Domain, like domain:sales, or sales \(got "component:default\/orders-service"\)$/,
      },
    ],
    [
      'owner of another kind',
      p => (p.spec.owner = 'Domain:sales'),
      {
        path: 'spec.owner',
        message: /^must name a Group or User, like group:sales-data/,
      },
    ],
    [
      'domain not an entity ref',
      p => (p.spec.domain = 'sales/'),
      { path: 'spec.domain', message: /must be an entity ref like domain:/ },
    ],
    [
      'port name with spaces',
      p => (p.spec.outputPorts[0].name = 'Order Lines'),
      { path: 'spec.outputPorts[0].name', message: /lowercase letters/ },
    ],
    [
      'consumes itself',
      p => (p.spec.inputPorts[0].from = 'dataproduct:default/orders#orders'),
      { path: 'spec.inputPorts[0].from', message: /cannot consume its own/ },
    ],
    [
      'wrong type for tier',
      p => (p.spec.tier = 'gold'),
      { path: 'spec.tier', message: /got "gold"/ },
    ],
  ];

  it.each(mistakes)('reports %s with its path', (_name, mutate, expected) => {
    const product = validProduct();
    mutate(product);
    const issues = validateDataProductEntity(product);
    expect(issues).toEqual([
      expect.objectContaining({
        path: expected.path,
        message: expect.stringMatching(expected.message),
      }),
    ]);
  });

  it('names a wrong value that is a large object without writing it out', () => {
    const product = validProduct();
    product.spec.outputPorts[0].type = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`port${i}`, { name: `p${i}` }]),
    );
    expect(validateDataProductEntity(product)).toEqual([
      {
        path: 'spec.outputPorts[0].type',
        message:
          'must be one of "table", "view", "topic", "file", "api" (got an object)',
      },
    ]);
  });

  it('accepts a row count above 1 and a rate of exactly 0 or 1', () => {
    const product = validProduct();
    product.spec.slos.quality = [
      { metric: 'rowCount', min: 5000, max: 5000 },
      { column: 'order_id', metric: 'nullRate', min: 0, max: 1 },
    ];
    expect(validateDataProductEntity(product)).toEqual([]);
  });

  it('points at each quality rule whose bounds no measure can meet', () => {
    const product = validProduct();
    product.spec.slos.quality = [
      { column: 'customer_id', metric: 'nullRate', max: 5 },
      { column: 'order_id', metric: 'duplicateRate', min: 0.5, max: 0.1 },
    ];
    expect(validateDataProductEntity(product)).toEqual([
      {
        path: 'spec.slos.quality[0].max',
        message: 'must be a fraction from 0 to 1 for nullRate (got 5)',
      },
      {
        path: 'spec.slos.quality[1].min',
        message: 'must not exceed max (0.5 > 0.1)',
      },
    ]);
  });

  it('points at the repeated port name after a port without one', () => {
    const product = validProduct();
    const { name: _name, ...unnamed } = product.spec.outputPorts[0];
    product.spec.outputPorts.unshift(unnamed);
    product.spec.outputPorts.push({ ...product.spec.outputPorts[1] });
    expect(
      validateDataProductEntity(product).filter(issue =>
        issue.message.startsWith('must be unique'),
      ),
    ).toEqual([
      {
        path: 'spec.outputPorts[2].name',
        message: expect.stringContaining('"orders" is used more than once'),
      },
    ]);
  });

  it('points at each repeated name once among 150,000 ports', () => {
    const product = validProduct();
    const port = (i: number) => ({
      name: `port_${i}`,
      type: 'table',
      dataset: { namespace: 'pg', name: `table_${i}` },
    });
    product.spec.outputPorts = Array.from({ length: 150_000 }, (_, i) =>
      port(i),
    );
    product.spec.outputPorts.push(port(7), port(7), port(9));
    expect(validateDataProductEntity(product).map(issue => issue.path)).toEqual(
      ['spec.outputPorts[150001].name', 'spec.outputPorts[150002].name'],
    );
  });

  it('names each invalid port past the first thousand as it names a few', () => {
    const product = validProduct();
    const ports = 3000;
    product.spec.outputPorts = Array.from({ length: ports }, (_, i) => ({
      name: i === ports - 1 ? 'Bad Name' : `port_${i}`,
      type: 'table',
    }));
    product.spec.inputPorts = Array.from({ length: ports }, (_, i) => ({
      name: `in_${i}`,
    }));
    const issues = validateDataProductEntity(product);
    const few = validProduct();
    few.spec.outputPorts = [{ name: 'Bad Name', type: 'table' }];
    few.spec.inputPorts = [{ name: 'in_0' }];
    const fewIssues = validateDataProductEntity(few);
    expect(fewIssues.map(issue => issue.path).sort()).toEqual([
      'spec.inputPorts[0]',
      'spec.outputPorts[0].dataset',
      'spec.outputPorts[0].name',
    ]);
    expect(issues).toHaveLength(2 * ports + 1);
    const last = (path: string) => issues.filter(issue => issue.path === path);
    expect([
      ...last(`spec.outputPorts[${ports - 1}].dataset`),
      ...last(`spec.outputPorts[${ports - 1}].name`),
      ...last(`spec.inputPorts[${ports - 1}]`),
    ]).toEqual([
      {
        ...fewIssues.find(i => i.path.endsWith('dataset'))!,
        path: `spec.outputPorts[${ports - 1}].dataset`,
      },
      {
        ...fewIssues.find(i => i.path.endsWith('name'))!,
        path: `spec.outputPorts[${ports - 1}].name`,
      },
      {
        ...fewIssues.find(i => i.path.startsWith('spec.inputPorts'))!,
        path: `spec.inputPorts[${ports - 1}]`,
      },
    ]);
  });

  it('names ten of many output ports for a quality rule of none, each time', () => {
    const product = validProduct();
    product.spec.outputPorts = Array.from({ length: 20_000 }, (_, i) => ({
      name: `port_${i}`,
      type: 'table',
      dataset: { namespace: 'pg', name: `table_${i}` },
    }));
    product.spec.slos.quality = Array.from({ length: 20_000 }, () => ({
      port: 'nowhere',
      column: 'id',
      metric: 'nullRate',
      max: 0,
    }));
    const issues = validateDataProductEntity(product);
    expect(issues).toHaveLength(20_000);
    expect(issues.every(i => i.message === issues[0].message)).toBe(true);
    expect(issues[0]).toEqual({
      path: 'spec.slos.quality[0].port',
      message: `must name one of the product's output ports (${Array.from(
        { length: 10 },
        (_, i) => `"port_${i}"`,
      ).join(', ')} and 19990 more), got "nowhere"`,
    });
  });

  it('checks only the runbook on-call opens, in any case of scheme', () => {
    const product = validProduct();
    product.metadata.links = [
      { type: 'runbook', url: './RUNBOOK.md' },
      { type: 'runbook', url: 'HTTPS://wiki.example/orders' },
    ];
    // spec.support.runbook is the one opened: the links are not.
    expect(validateDataProductEntity(product)).toEqual([]);
    delete product.spec.support.runbook;
    expect(validateDataProductEntity(product)).toEqual([
      {
        path: 'metadata.links[0].url',
        message:
          'must be an http(s) URL, as the runbook on-call opens (got "./RUNBOOK.md")',
      },
    ]);
    product.metadata.links.reverse();
    expect(validateDataProductEntity(product)).toEqual([]);
  });

  it.each([
    [{ type: 'Runbook', url: 'wiki/orders-runbook' }],
    [{ type: 'runbook ', url: 'ftp://files.example/orders' }],
    [{ title: 'Runbook', url: 'see the team wiki' }],
  ])('checks the runbook link runbookOf picks: %j', link => {
    const product = validProduct();
    delete product.spec.support.runbook;
    product.metadata.links = [
      link,
      { title: 'Docs', url: 'https://wiki.example/orders' },
    ];
    expect(validateDataProductEntity(product)).toEqual([
      {
        path: 'metadata.links[0].url',
        message: `must be an http(s) URL, as the runbook on-call opens (got ${JSON.stringify(
          link.url,
        )})`,
      },
    ]);
  });

  it('checks the runbook link typed so before one titled so, as runbookOf picks', () => {
    const product = validProduct();
    delete product.spec.support.runbook;
    product.metadata.links = [
      { title: 'Runbook', url: 'https://wiki.example/old' },
      { type: 'RUNBOOK', url: 'wiki/orders-runbook' },
    ];
    expect(validateDataProductEntity(product)).toEqual([
      {
        path: 'metadata.links[1].url',
        message:
          'must be an http(s) URL, as the runbook on-call opens (got "wiki/orders-runbook")',
      },
    ]);
  });

  it('checks the runbook link when spec.support.runbook is null, as runbookOf passes over it', () => {
    const product = validProduct();
    product.spec.support.runbook = null;
    product.metadata.links = [{ type: 'runbook', url: 'wiki/orders-runbook' }];
    expect(validateDataProductEntity(product)).toEqual([
      {
        path: 'spec.support.runbook',
        message: 'must be a string (got an empty value)',
      },
      {
        path: 'metadata.links[0].url',
        message:
          'must be an http(s) URL, as the runbook on-call opens (got "wiki/orders-runbook")',
      },
    ]);
  });

  it('finds the runbook link among links of any shape, without failing', () => {
    const product = validProduct();
    delete product.spec.support.runbook;
    product.metadata.links = [
      null,
      { type: 7, title: ['Runbook'], url: 'https://wiki.example/orders' },
      { type: 'Runbook', url: 'wiki/orders-runbook' },
    ];
    expect(validateDataProductEntity(product)).toEqual([
      expect.objectContaining({ path: 'metadata.links[0]' }),
      expect.objectContaining({ path: 'metadata.links[1].title' }),
      expect.objectContaining({ path: 'metadata.links[1].type' }),
      {
        path: 'metadata.links[2].url',
        message:
          'must be an http(s) URL, as the runbook on-call opens (got "wiki/orders-runbook")',
      },
    ]);
  });

  it.each([
    ['', '""'],
    [5, 'the number 5'],
    [['./contracts/orders.odcs.yaml'], 'a list'],
  ])('reports a contract of the wrong type once: %j', (contract, got) => {
    const product = validProduct();
    product.spec.outputPorts[0].contract = contract;
    expect(validateDataProductEntity(product)).toEqual([
      {
        path: 'spec.outputPorts[0].contract',
        message: `must be a path to an ODCS file or an inline contract (got ${got})`,
      },
    ]);
  });

  it('reports a contract of the wrong type once past the ports judged together', () => {
    const product = validProduct();
    product.spec.outputPorts = Array.from({ length: 101 }, (_, i) => ({
      name: `port-${i}`,
      type: 'table',
      dataset: { namespace: 'pg', name: `table_${i}` },
      contract: i === 100 ? 5 : `./contracts/${i}.odcs.yaml`,
    }));
    delete product.spec.slos.quality;
    expect(validateDataProductEntity(product)).toEqual([
      {
        path: 'spec.outputPorts[100].contract',
        message:
          'must be a path to an ODCS file or an inline contract (got the number 5)',
      },
    ]);
  });

  it('accepts an objective of 100% written with decimals, and no more', () => {
    const issuesOf = (objective: string) => {
      const product = validProduct();
      product.spec.slos.freshness.objective = objective;
      return validateDataProductEntity(product);
    };
    for (const objective of ['100%', '100.0%', '100.00%', '99.50%', '0%']) {
      expect(issuesOf(objective)).toEqual([]);
    }
    for (const objective of ['100.5%', '100.01%', '1000%', '100.%', '100']) {
      expect(issuesOf(objective)).toEqual([
        {
          path: 'spec.slos.freshness.objective',
          message: `must be a percentage between 0% and 100%, like 99.5% (got "${objective}")`,
        },
      ]);
    }
  });

  it('refuses a link that runs script, in any case and past spaces', () => {
    const product = validProduct();
    product.metadata.links = [
      { url: 'https://grafana.example/orders', title: 'Dashboard' },
      // Hostile links, as a product's YAML may hold them.
      // eslint-disable-next-line no-script-url
      { url: ' JavaScript:alert(1)', title: 'Docs' },
      { url: 'java\tscript:alert(1)' },
      { url: 'data:text/html,<script>alert(1)</script>' },
      { url: './README.md' },
    ];
    expect(validateDataProductEntity(product)).toEqual(
      [1, 2, 3].map(index => ({
        path: `metadata.links[${index}].url`,
        message: expect.stringMatching(/^must not be a script URL/),
      })),
    );
  });

  it.each([
    'bigquery',
    'file',
    'file://',
    'file:/tmp/warehouse',
    'gs://bucket',
    's3://bucket',
    'abfss://container@account.dfs.core.windows.net',
    'kafka://broker:9092',
  ])('accepts the OpenLineage namespace %s', namespace => {
    const product = validProduct();
    product.spec.outputPorts[0].dataset.namespace = namespace;
    product.spec.inputPorts[1].dataset.namespace = namespace;
    expect(validateDataProductEntity(product)).toEqual([]);
  });

  it('refuses a dataset identity lineage would never report', () => {
    const product = validProduct();
    product.spec.outputPorts[0].dataset = {
      namespace: 'postgres://warehouse:5432/',
      name: 'postgres://warehouse:5432/analytics.sales.orders',
    };
    product.spec.inputPorts[1].dataset = {
      namespace: ' s3://vendor',
      name: 'fx/daily\t',
    };
    expect(validateDataProductEntity(product)).toEqual([
      {
        path: 'spec.outputPorts[0].dataset.namespace',
        message:
          'must not end with "/" (OpenLineage namespaces are scheme://authority, e.g. postgres://host:5432; got "postgres://warehouse:5432/")',
      },
      {
        path: 'spec.outputPorts[0].dataset.name',
        message:
          'must not contain "://", as the namespace goes in dataset.namespace (got "postgres://warehouse:5432/analytics.sales.orders"; did you mean namespace "postgres://warehouse:5432" and name "analytics.sales.orders"?)',
      },
      {
        path: 'spec.inputPorts[1].dataset.namespace',
        message: 'must not start or end with whitespace (got " s3://vendor")',
      },
      {
        path: 'spec.inputPorts[1].dataset.name',
        message: 'must not start or end with whitespace (got "fx/daily\\t")',
      },
    ]);
  });

  it('refuses a dataset identity mistake in a port past the first hundred', () => {
    const product = validProduct();
    const port = product.spec.outputPorts[0];
    product.spec.outputPorts = Array.from({ length: 150 }, (_, i) => ({
      ...port,
      name: `port-${i}`,
      dataset: { ...port.dataset, name: `t${i}` },
    }));
    product.spec.outputPorts[120].dataset.name = ' t120';
    expect(validateDataProductEntity(product)).toEqual([
      expect.objectContaining({
        path: 'spec.outputPorts[120].dataset.name',
      }),
    ]);
  });

  it('refuses an on-call contact of only whitespace', () => {
    const product = validProduct();
    product.spec.support.oncall.contact = ' \t ';
    expect(validateDataProductEntity(product)).toEqual([
      {
        path: 'spec.support.oncall.contact',
        message:
          'must name who to page, like #orders-oncall or a schedule\'s email (got " \\t ")',
      },
    ]);
  });

  it('reports every mistake at once', () => {
    const product = validProduct();
    delete product.spec.owner;
    product.spec.tier = 9;
    product.spec.slos.freshness.maxDelay = 'soon';
    expect(
      validateDataProductEntity(product)
        .map(i => i.path)
        .sort(),
    ).toEqual(['spec.owner', 'spec.slos.freshness.maxDelay', 'spec.tier']);
  });

  it('rejects a non-object', () => {
    expect(validateDataProductEntity('orders')).toEqual([
      { path: '', message: 'must be an object (got "orders")' },
    ]);
  });

  it('reports a spec that is a list as one mistake', () => {
    const product = validProduct();
    product.spec = [];
    expect(validateDataProductEntity(product)).toEqual([
      { path: 'spec', message: 'must be an object (got a list)' },
    ]);
  });

  describe('spec.deprecation', () => {
    function deprecated(deprecation: unknown): any {
      const product = validProduct();
      product.spec.lifecycle = 'deprecated';
      product.spec.deprecation = deprecation;
      return product;
    }

    it('accepts a successor, a sunset and a reason, or any one of them', () => {
      for (const deprecation of [
        {
          successor: 'dataproduct:default/orders-v2',
          sunset: '2027-03-31',
          reason: 'Replaced by the v2 model.',
        },
        { successor: 'orders-v2' },
        { successor: 'DataProduct:Sales/Orders-v2' },
        { sunset: '2028-02-29' },
        { reason: 'No longer read.' },
      ]) {
        expect(validateDataProductEntity(deprecated(deprecation))).toEqual([]);
      }
    });

    it.each([
      ['production', '"production"'],
      [undefined, 'nothing'],
    ])(
      'refuses it when the lifecycle is %s, naming spec.deprecation',
      (lifecycle, got) => {
        const product = deprecated({ sunset: '2027-03-31' });
        product.spec.lifecycle = lifecycle;
        expect(validateDataProductEntity(product)).toContainEqual({
          path: 'spec.deprecation',
          message: `is only allowed on a deprecated product: spec.lifecycle must be "deprecated" (got ${got})`,
        });
      },
    );

    it.each<[string, unknown, { path: string; message: string }]>([
      [
        'an empty deprecation',
        {},
        {
          path: 'spec.deprecation',
          message:
            "needs at least one of 'successor', 'sunset' or 'reason' (got {})",
        },
      ],
      [
        'a successor with a port',
        { successor: 'dataproduct:default/orders-v2#orders' },
        {
          path: 'spec.deprecation.successor',
          message:
            'must be another product, like dataproduct:default/orders (got "dataproduct:default/orders-v2#orders")',
        },
      ],
      [
        'a successor of another kind',
        { successor: 'group:default/orders-v2' },
        {
          path: 'spec.deprecation.successor',
          message:
            'must be another product, like dataproduct:default/orders (got "group:default/orders-v2")',
        },
      ],
      [
        'the product as its own successor',
        { successor: 'DataProduct:default/Orders' },
        {
          path: 'spec.deprecation.successor',
          message: 'must name another product; a product cannot succeed itself',
        },
      ],
      [
        'a sunset that is not a date',
        { sunset: '31/03/2027' },
        {
          path: 'spec.deprecation.sunset',
          message:
            'must be a date written YYYY-MM-DD, like 2027-03-31 (got "31/03/2027")',
        },
      ],
      [
        'a sunset no calendar has',
        { sunset: '2027-02-29' },
        {
          path: 'spec.deprecation.sunset',
          message:
            'must be a date written YYYY-MM-DD, like 2027-03-31 (got "2027-02-29")',
        },
      ],
      [
        'an unknown field',
        { replacedBy: 'orders-v2' },
        {
          path: 'spec.deprecation.replacedBy',
          message: 'is not a known field',
        },
      ],
      [
        'a deprecation that is not an object',
        'use orders-v2',
        {
          path: 'spec.deprecation',
          message: 'must be an object (got "use orders-v2")',
        },
      ],
    ])('reports %s with its path', (_name, deprecation, expected) => {
      expect(validateDataProductEntity(deprecated(deprecation))).toEqual([
        expected,
      ]);
    });

    it('reads the successor in the product namespace, as its own ref', () => {
      const product = deprecated({ successor: 'orders' });
      product.metadata.namespace = 'sales';
      expect(validateDataProductEntity(product)).toEqual([
        expect.objectContaining({ path: 'spec.deprecation.successor' }),
      ]);
      product.spec.deprecation.successor = 'default/orders';
      expect(validateDataProductEntity(product)).toEqual([]);
    });
  });
});
