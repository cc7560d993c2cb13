import { parseDataContract } from '@meshwork/plugin-data-products-common';
import { schemaQualityRules } from './schemaQualityRules';

const schemaObject = (schema: object) =>
  parseDataContract({
    apiVersion: 'v3.1.0',
    kind: 'DataContract',
    id: 'orders',
    version: '1.0.0',
    status: 'active',
    schema: [schema],
  }).contract!.schema[0];

describe('schemaQualityRules', () => {
  it('says of every rule where it is and what lineage measures of it, if anything', () => {
    const rules = schemaQualityRules(
      schemaObject({
        name: 'orders',
        physicalName: 'ORDERS',
        quality: [
          { metric: 'rowCount', mustBeGreaterThan: 100 },
          { type: 'sql', query: 'select count(*) from orders', mustBe: 0 },
          { type: 'text', description: 'Closed months are never restated.' },
        ],
        properties: [
          {
            name: 'customer_id',
            quality: [
              { metric: 'nullValues', mustBeLessThan: 5, unit: 'percent' },
              { metric: 'nullValues', mustNotBe: 3 },
              { metric: 'invalidValues', mustBe: 0 },
              { type: 'custom', engine: 'soda', implementation: 'x' },
            ],
          },
          {
            name: 'lines',
            logicalType: 'array',
            items: {
              logicalType: 'object',
              properties: [
                {
                  name: 'sku',
                  quality: [{ metric: 'nullValues', mustBe: 0 }],
                },
              ],
            },
          },
        ],
      }),
    );
    expect(
      rules.map(({ column, rule, measured }) => [
        column,
        rule.type ?? rule.metric,
        measured?.metric,
      ]),
    ).toEqual([
      ['ORDERS', 'rowCount', 'rowCount'],
      ['ORDERS', 'sql', undefined],
      ['ORDERS', 'text', undefined],
      ['customer_id', 'nullValues', 'nullRate'],
      ['customer_id', 'nullValues', undefined],
      ['customer_id', 'invalidValues', undefined],
      ['customer_id', 'custom', undefined],
      ['lines[].sku', 'nullValues', undefined],
    ]);
    expect(rules[3].measured).toEqual({
      column: 'customer_id',
      metric: 'nullRate',
      max: 0.05,
      maxExclusive: true,
      source: 'contract',
    });
  });

  it('has none for a schema object without rules', () => {
    expect(
      schemaQualityRules(
        schemaObject({ name: 'orders', properties: [{ name: 'id' }] }),
      ),
    ).toEqual([]);
  });
});
