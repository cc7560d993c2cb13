import { dataProduct } from '../../__testUtils__/dataProduct';
import { contractQualityRules } from './contractQualityRules';
import { measureQuality } from './measureSlos';

const portWith = (contract: object) =>
  dataProduct('orders', {
    outputPorts: [
      {
        name: 'orders',
        type: 'table',
        dataset: {
          namespace: 'postgres://warehouse:5432',
          name: 'mart.orders',
        },
        contract: contract as never,
      },
    ],
  }).spec.outputPorts[0];

/** An ODCS contract's fields besides its schema. */
const CONTRACT = {
  apiVersion: 'v3.1.0',
  kind: 'DataContract',
  id: 'orders',
  version: '1.0.0',
  status: 'active',
};

describe('contractQualityRules', () => {
  it('reads null, duplicate and row-count rules in rows or percent, and leaves the rest', () => {
    const port = portWith({
      ...CONTRACT,
      schema: [
        {
          name: 'orders',
          physicalName: 'ORDERS',
          quality: [{ metric: 'rowCount', mustBeGreaterThan: 100 }],
          properties: [
            {
              name: 'id',
              quality: [{ metric: 'duplicateValues', mustBe: 0 }],
            },
            {
              name: 'customer_id',
              physicalName: 'CUSTOMER_ID',
              quality: [
                { rule: 'nullCheck', mustBeLessThan: 5, unit: 'percent' },
                { metric: 'nullValues', mustBeBetween: [0, 10] },
                { rule: 'nullCheck' },
                // Not measured from lineage: left to the tools that run them.
                { metric: 'nullValues', mustNotBe: 3 },
                { type: 'sql', query: 'select 1', mustBe: 1 },
                { metric: 'invalidValues', mustBe: 0 },
              ],
            },
          ],
        },
      ],
    });
    expect(contractQualityRules(port)).toEqual([
      {
        column: 'ORDERS',
        metric: 'rowCount',
        min: 100,
        minExclusive: true,
        source: 'contract',
      },
      {
        column: 'id',
        metric: 'duplicateCount',
        min: 0,
        max: 0,
        source: 'contract',
      },
      {
        column: 'CUSTOMER_ID',
        metric: 'nullRate',
        max: 0.05,
        maxExclusive: true,
        source: 'contract',
      },
      {
        column: 'CUSTOMER_ID',
        metric: 'nullCount',
        min: 0,
        max: 10,
        source: 'contract',
      },
      {
        column: 'CUSTOMER_ID',
        metric: 'nullCount',
        max: 0,
        source: 'contract',
      },
    ]);
  });

  it('keeps every operator of a rule, each side at its tightest, as ODCS v3.0.x allowed', () => {
    const port = portWith({
      ...CONTRACT,
      schema: [
        {
          name: 'orders',
          quality: [
            {
              rule: 'rowCount',
              mustBeGreaterThan: 100,
              mustBeGreaterOrEqualTo: 100,
              mustBeLessOrEqualTo: 5000,
            },
          ],
          properties: [
            {
              name: 'id',
              quality: [
                {
                  rule: 'nullCheck',
                  mustBeBetween: [0, 10],
                  mustBeLessThan: 4,
                  unit: 'percent',
                },
              ],
            },
          ],
        },
      ],
    });
    expect(contractQualityRules(port)).toEqual([
      {
        column: 'orders',
        metric: 'rowCount',
        min: 100,
        minExclusive: true,
        max: 5000,
        source: 'contract',
      },
      {
        column: 'id',
        metric: 'nullRate',
        min: 0,
        max: 0.04,
        maxExclusive: true,
        source: 'contract',
      },
    ]);
  });

  it('reads the rules of an object’s fields, named as schema drift names them, but not of an array’s elements', () => {
    const port = portWith({
      ...CONTRACT,
      schema: [
        {
          name: 'orders',
          properties: [
            {
              name: 'address',
              logicalType: 'object',
              properties: [
                {
                  name: 'city',
                  quality: [{ metric: 'nullValues', mustBe: 0 }],
                },
                {
                  name: 'geo',
                  physicalName: 'GEO',
                  logicalType: 'object',
                  properties: [
                    {
                      name: 'lat',
                      quality: [
                        {
                          metric: 'nullValues',
                          mustBeLessThan: 1,
                          unit: 'percent',
                        },
                      ],
                    },
                  ],
                },
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
        },
      ],
    });
    const rules = contractQualityRules(port);
    expect(rules).toEqual([
      {
        column: 'address.city',
        metric: 'nullCount',
        min: 0,
        max: 0,
        source: 'contract',
      },
      {
        column: 'address.GEO.lat',
        metric: 'nullRate',
        max: 0.01,
        maxExclusive: true,
        source: 'contract',
      },
    ]);
    const measure = measureQuality(
      {
        time: 0,
        metrics: {
          rowCount: 1000,
          columnMetrics: {
            'address.city': { nullCount: 10 },
            'address.geo.lat': { nullCount: 0 },
          },
        },
      },
      rules,
    );
    expect(measure.status).toBe('breached');
    expect(measure.rules.map(r => [r.column, r.status])).toEqual([
      ['address.city', 'breached'],
      ['address.GEO.lat', 'met'],
    ]);
  });

  it('holds a rate exactly at a percent bound, and reports the bound as written', () => {
    const port = portWith({
      ...CONTRACT,
      schema: [
        {
          name: 'orders',
          properties: [
            {
              name: 'customer_id',
              quality: [
                {
                  metric: 'nullValues',
                  mustBeLessOrEqualTo: 0.7,
                  unit: 'percent',
                },
                { metric: 'nullValues', mustBe: 0.7, unit: 'percent' },
                {
                  metric: 'nullValues',
                  mustBeBetween: [0.7, 0.7],
                  unit: 'percent',
                },
                {
                  metric: 'nullValues',
                  mustBeGreaterOrEqualTo: 0.7,
                  unit: 'percent',
                },
                // Exclusive bounds hold just short of it.
                { metric: 'nullValues', mustBeLessThan: 0.7, unit: 'percent' },
                {
                  metric: 'nullValues',
                  mustBeGreaterThan: 0.7,
                  unit: 'percent',
                },
              ],
            },
          ],
        },
      ],
    });
    const rules = contractQualityRules(port);
    expect(rules.map(({ min, max }) => ({ min, max }))).toEqual([
      { max: 0.007 },
      { min: 0.007, max: 0.007 },
      { min: 0.007, max: 0.007 },
      { min: 0.007 },
      { max: 0.007 },
      { min: 0.007 },
    ]);
    const measure = measureQuality(
      {
        time: 0,
        metrics: {
          rowCount: 1000,
          columnMetrics: { customer_id: { nullCount: 7 } },
        },
      },
      rules,
    );
    expect(measure.rules.map(r => r.status)).toEqual([
      'met',
      'met',
      'met',
      'met',
      'breached',
      'breached',
    ]);
  });

  it('has none without a contract of the port’s table', () => {
    expect(contractQualityRules(portWith(undefined as never))).toEqual([]);
  });
});
