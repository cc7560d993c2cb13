import { parseDataContract } from '@meshwork/plugin-data-products-common';
import { product, team } from '../__testUtils__/product';
import { builtinChecks } from './builtinChecks';
import { checkContextOf } from './checkContextOf';
import type { RuntimeFindings } from './GovernanceCheck';

const piiClassified = builtinChecks.find(c => c.id === 'pii-classified')!;

/** The orders contract's schema object, as `product()` inlines it. */
const ordersObject = (p: any) => p.spec.outputPorts[0].contract.schema[0];

/** pii-classified's outcome with these columns added to the orders contract. */
const piiOutcomeWith = (...columns: object[]) =>
  piiClassified.evaluate(
    checkContextOf(
      product(p => {
        ordersObject(p).properties.push(...columns);
      }),
      { owner: team },
    ),
  );

describe('pii-classified', () => {
  it('looks at the fields within an object or an array of objects, not only at columns', () => {
    const outcome = piiOutcomeWith(
      {
        name: 'customer',
        logicalType: 'object',
        classification: 'internal',
        properties: [
          { name: 'email', logicalType: 'string' },
          { name: 'id', logicalType: 'string', classification: 'public' },
        ],
      },
      {
        name: 'lines',
        logicalType: 'array',
        classification: 'internal',
        items: {
          logicalType: 'object',
          properties: [{ name: 'sku', logicalType: 'string' }],
        },
      },
      {
        name: 'tags',
        logicalType: 'array',
        classification: 'public',
        items: { logicalType: 'string' },
      },
    );
    expect(outcome).toEqual({
      status: 'fail',
      message:
        'Unclassified columns: orders.customer.email, orders.lines[].sku.',
    });
  });

  it('names ten unclassified columns and counts the rest', () => {
    const outcome = piiOutcomeWith(
      ...Array.from({ length: 12 }, (_, i) => ({
        name: `c${i}`,
        logicalType: 'string',
      })),
    );
    expect(outcome).toEqual({
      status: 'fail',
      message: `Unclassified columns: ${Array.from(
        { length: 10 },
        (_, i) => `orders.c${i}`,
      ).join(', ')} and 2 more.`,
    });
  });

  it('is unknown without a valid contract, and says which ports it read', () => {
    const noContract = product(p => {
      delete p.spec.outputPorts[0].contract;
    });
    expect(
      piiClassified.evaluate(checkContextOf(noContract, { owner: team })),
    ).toEqual({ status: 'unknown', message: 'No valid contract to look at.' });

    const oneOfTwo = product(p => {
      p.spec.outputPorts.push({
        name: 'refunds',
        type: 'table',
        dataset: { namespace: 'postgres://w:5432', name: 'a.refunds' },
      });
    });
    expect(
      piiClassified.evaluate(checkContextOf(oneOfTwo, { owner: team })),
    ).toEqual({
      status: 'pass',
      message: 'Every column of the ports with a valid contract is classified.',
    });
    expect(
      piiClassified.evaluate(checkContextOf(product(), { owner: team })),
    ).toEqual({ status: 'pass', message: 'Every column is classified.' });
  });
});

describe('output-ports-have-contracts', () => {
  it('names ten ports without a valid contract and counts the rest', () => {
    const check = builtinChecks.find(
      c => c.id === 'output-ports-have-contracts',
    )!;
    const outcome = check.evaluate(
      checkContextOf(
        product(p => {
          p.spec.outputPorts.push(
            ...Array.from({ length: 12 }, (_, i) => ({
              name: `port_${i}`,
              type: 'table' as const,
              dataset: { namespace: 'pg', name: `t${i}` },
            })),
          );
        }),
        { owner: team },
      ),
    );
    expect(outcome).toEqual({
      status: 'fail',
      message: `No valid contract for: ${Array.from(
        { length: 10 },
        (_, i) => `port_${i}`,
      ).join(', ')} and 2 more (yarn meshwork validate says why).`,
    });
  });

  it('counts one port as one port', () => {
    const check = builtinChecks.find(
      c => c.id === 'output-ports-have-contracts',
    )!;
    expect(check.evaluate(checkContextOf(product(), { owner: team }))).toEqual({
      status: 'pass',
      message: '1 port with contracts.',
    });
  });
});

describe('runbook-present', () => {
  const check = builtinChecks.find(c => c.id === 'runbook-present')!;
  const withoutRunbook = product(p => {
    p.spec.support = {};
  });
  const teamWithRunbook = {
    ...team,
    metadata: {
      ...team.metadata,
      links: [{ type: 'runbook', url: 'https://wiki.example/checkout-data' }],
    },
  };

  it("passes on the owning team's runbook link, saying it is the team's", () => {
    expect(
      check.evaluate(
        checkContextOf(withoutRunbook, { owner: teamWithRunbook }),
      ),
    ).toEqual({
      status: 'pass',
      message:
        'Runbook: https://wiki.example/checkout-data (from the owning team).',
    });
  });

  it("prefers the product's own runbook, and fails when neither has one", () => {
    expect(
      check.evaluate(checkContextOf(product(), { owner: teamWithRunbook })),
    ).toEqual({
      status: 'pass',
      message: 'Runbook: https://runbooks.example/orders.',
    });
    expect(
      check.evaluate(checkContextOf(withoutRunbook, { owner: team })).status,
    ).toBe('fail');
    expect(check.evaluate(checkContextOf(withoutRunbook, {})).status).toBe(
      'fail',
    );
  });
});

describe('owner-is-group', () => {
  const check = builtinChecks.find(c => c.id === 'owner-is-group')!;

  it('names the owning Group by title and full ref, however spec.owner spells it', () => {
    const owner = {
      ...team,
      metadata: { ...team.metadata, title: 'Checkout Data' },
    };
    for (const spelling of [
      'group:checkout-data',
      'group:default/checkout-data',
    ]) {
      const context = checkContextOf(
        product(p => {
          p.spec.owner = spelling;
        }),
        { owner },
      );
      expect(check.evaluate(context)).toEqual({
        status: 'pass',
        message: 'Owned by Checkout Data (group:default/checkout-data).',
      });
    }
    expect(
      check.evaluate(checkContextOf(product(), { owner: team })).message,
    ).toBe('Owned by group:default/checkout-data.');
  });
});

describe('a contract naming no column', () => {
  it('counts as no contract, for the contract checks alike', () => {
    const columnless = product(p => {
      ordersObject(p).properties = [];
    });
    const outcomes = ['output-ports-have-contracts', 'pii-classified'].map(
      id =>
        builtinChecks
          .find(c => c.id === id)!
          .evaluate(checkContextOf(columnless, { owner: team })).status,
    );
    expect(outcomes).toEqual(['fail', 'unknown']);
  });

  const outputPortsHaveContracts = builtinChecks.find(
    c => c.id === 'output-ports-have-contracts',
  )!;

  it('fails saying which schema object has no properties, and where, not that the contract is invalid', () => {
    const topic = product(p => {
      // A Kafka topic whose schema a registry holds.
      ordersObject(p).properties = [];
      ordersObject(p).name = 'Orders';
      ordersObject(p).physicalType = 'topic';
      p.spec.outputPorts.push({
        name: 'broken',
        type: 'table',
        dataset: { namespace: 'pg', name: 'broken' },
      });
    });
    expect(
      outputPortsHaveContracts.evaluate(checkContextOf(topic, { owner: team })),
    ).toEqual({
      status: 'fail',
      message:
        'No valid contract for: broken (yarn meshwork validate says why). The contract of port orders names no column: schema object Orders has no properties.',
    });
    expect(outputPortsHaveContracts.remediation).toContain('`properties`');
    expect(outputPortsHaveContracts.remediation).not.toContain('validate');
  });

  it('names the file the contract was read from, and a contract without schema objects', () => {
    const inlined = (p: ReturnType<typeof product>) =>
      p.spec.outputPorts[0].contract as Record<string, any>;
    const schemaless = parseDataContract({
      ...inlined(product()),
      schema: [],
    }).contract;
    // As the CLI gives them: read from files, by port name.
    expect(
      outputPortsHaveContracts.evaluate(
        checkContextOf(product(), {
          owner: team,
          contracts: new Map([['orders', schemaless]]),
          contractFiles: new Map([['orders', 'contracts/orders.odcs.yaml']]),
        }),
      ),
    ).toEqual({
      status: 'fail',
      message:
        'The contract of port orders (contracts/orders.odcs.yaml) names no column: it has no schema objects.',
    });
    // As the catalog inlines them.
    const twoObjects = product(p => {
      inlined(p).schema = [
        { name: 'orders', properties: [] },
        { name: 'order_lines' },
      ];
    });
    expect(
      checkContextOf(twoObjects, { owner: team }).contractProblems,
    ).toEqual(
      new Map([
        [
          'orders',
          'the contract of port orders names no column: schema objects orders, order_lines have no properties',
        ],
      ]),
    );
    expect(checkContextOf(product(), { owner: team }).contractProblems).toEqual(
      new Map(),
    );
  });
});

describe('input-ports-resolve', () => {
  it('names the first ten input ports that do not resolve and counts the rest', () => {
    const check = builtinChecks.find(c => c.id === 'input-ports-resolve')!;
    const inputPortIssues = Array.from({ length: 25 }, (_, i) => ({
      path: `spec.inputPorts[${i}].from`,
      message: 'no such product',
    }));
    const outcome = check.evaluate(
      checkContextOf(product(), { owner: team, inputPortIssues }),
    );
    expect(outcome).toEqual({
      status: 'fail',
      message: `${inputPortIssues
        .slice(0, 10)
        .map(i => `${i.path}: ${i.message}`)
        .join('; ')}; and 15 more`,
    });
    // Ten are named in full.
    expect(
      check.evaluate(
        checkContextOf(product(), {
          owner: team,
          inputPortIssues: inputPortIssues.slice(0, 10),
        }),
      ).message,
    ).toBe(
      inputPortIssues
        .slice(0, 10)
        .map(i => `${i.path}: ${i.message}`)
        .join('; '),
    );
  });
});

describe('quality-within-slo', () => {
  const check = builtinChecks.find(c => c.id === 'quality-within-slo')!;
  const outcome = (p: ReturnType<typeof product>, runtime?: RuntimeFindings) =>
    check.evaluate(checkContextOf(p, { owner: team, runtime }));

  it('is what lineage found', () => {
    const breach = {
      status: 'fail' as const,
      message: 'orders: customer_id nullRate 0.05 (must be at most 0.03).',
    };
    expect(outcome(product(), { quality: breach })).toEqual(breach);
    const unmeasured = {
      status: 'unknown' as const,
      message: 'orders: 0 of 1 quality rule met; not measured: email nullRate.',
    };
    expect(outcome(product(), { quality: unmeasured })).toEqual(unmeasured);
  });

  it('says when the product declares no quality rule to measure against', () => {
    expect(outcome(product())).toEqual({
      status: 'unknown',
      message:
        "No quality rules declared (spec.slos.quality, or quality in an output port's contract) to measure against.",
    });
    const noData = {
      status: 'unknown',
      message: 'No lineage data for this product yet.',
    };
    // In the product's SLOs.
    expect(
      outcome(
        product(p => {
          p.spec.slos!.quality = [
            { column: 'email', metric: 'nullRate', max: 0.01 },
          ];
        }),
      ),
    ).toEqual(noData);
    // In the contract, on a field within a column.
    expect(
      outcome(
        product(p => {
          ordersObject(p).properties.push({
            name: 'customer',
            logicalType: 'object',
            classification: 'internal',
            properties: [
              {
                name: 'id',
                logicalType: 'string',
                classification: 'internal',
                quality: [{ metric: 'nullValues', mustBe: 0 }],
              },
            ],
          });
        }),
      ),
    ).toEqual(noData);
    // On the schema object.
    expect(
      outcome(
        product(p => {
          ordersObject(p).quality = [
            { metric: 'rowCount', mustBeGreaterThan: 0 },
          ];
        }),
      ),
    ).toEqual(noData);
  });

  const sql = { type: 'sql', query: 'select count(*) from orders', mustBe: 0 };

  it('names the rules lineage cannot measure when the product declares no other', () => {
    const unmeasurable = product(p => {
      ordersObject(p).quality = [
        sql,
        { type: 'text', name: 'No restatements', description: 'Never.' },
      ];
      ordersObject(p).properties[1].quality = [
        { type: 'custom', engine: 'soda', implementation: 'invalid_count' },
        { metric: 'invalidValues', mustBe: 0 },
        // A null count lineage measures, but not with this threshold.
        { metric: 'nullValues', mustNotBe: 3 },
      ];
    });
    const named = {
      status: 'unknown',
      message:
        'Quality rules of kinds lineage cannot measure (it measures bounds on null, duplicate and row counts), left to the tools that run them: orders: SQL rule on orders, orders: text rule "No restatements" on orders, orders: custom rule (soda) on email, orders: invalidValues rule on email, orders: nullValues rule on email.',
    };
    expect(outcome(unmeasurable)).toEqual(named);
    // Lineage has data for it, but no rule to judge it by: no finding.
    expect(
      outcome(unmeasurable, {
        freshness: { status: 'pass', message: 'Fresh.' },
      }),
    ).toEqual(named);
    // What a tool reported of them (assertions) is what lineage found.
    const reported = {
      status: 'pass' as const,
      message: 'orders: quality assertions passed.',
    };
    expect(outcome(unmeasurable, { quality: reported })).toEqual(reported);
  });

  it('is what lineage found of the rules it can measure, beside ones it cannot', () => {
    const mixed = product(p => {
      ordersObject(p).quality = [
        sql,
        { metric: 'rowCount', mustBeGreaterThan: 0 },
      ];
    });
    expect(outcome(mixed)).toEqual({
      status: 'unknown',
      message: 'No lineage data for this product yet.',
    });
    const met = {
      status: 'pass' as const,
      message: 'orders: 1 quality rule met.',
    };
    expect(outcome(mixed, { quality: met })).toEqual(met);
    // A rule of its SLOs is one lineage measures.
    expect(
      outcome(
        product(p => {
          ordersObject(p).quality = [sql];
          p.spec.slos!.quality = [{ metric: 'rowCount', min: 1 }];
        }),
      ),
    ).toEqual({
      status: 'unknown',
      message: 'No lineage data for this product yet.',
    });
  });
});
