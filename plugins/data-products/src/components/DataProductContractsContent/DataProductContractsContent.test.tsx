import { screen } from '@testing-library/react';
import { parse } from 'yaml';
import { cartsProduct, ordersProduct } from '../../__testUtils__/testMesh';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { DataProductContractsContent } from './DataProductContractsContent';

/** The head of an ODCS contract of orders, at `apiVersion`. */
const contractOf = (apiVersion: string) => ({
  apiVersion,
  kind: 'DataContract',
  id: 'orders',
  version: '1.0.0',
  status: 'active',
});

describe('DataProductContractsContent', () => {
  it("titles each port's card as a heading, and its schema objects, rules and SLAs one level under", async () => {
    await renderWithCatalog(<DataProductContractsContent />, {
      entity: ordersProduct,
    });
    expect(
      screen.getByRole('heading', { name: 'Output port: orders', level: 2 }),
    ).toBeInTheDocument();
    for (const section of [/^orders/, 'Quality rules', 'SLA properties']) {
      expect(
        screen.getByRole('heading', { name: section, level: 3 }),
      ).toBeInTheDocument();
    }
  });

  it('shows each port with its contract, rules, SLAs and a YAML download', async () => {
    await renderWithCatalog(<DataProductContractsContent />, {
      entity: ordersProduct,
    });
    expect(screen.getByText('Output port: orders')).toBeInTheDocument();
    expect(screen.getByText(/version/)).toHaveTextContent(
      'Contract Orders version 2.1.0, status active (ODCS v3.0.2)',
    );
    expect(
      screen.getByRole('table', { name: 'Schema of orders' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/No missing customers/)).toBeInTheDocument();
    expect(screen.getByText('latency: 30 m')).toBeInTheDocument();
    const download = screen.getByRole('link', { name: /Download YAML/ });
    expect(download).toHaveAttribute('download', 'orders.odcs.yaml');
    const yaml = decodeURIComponent(
      download.getAttribute('href')!.replace(/^data:[^,]*,/, ''),
    );
    expect(parse(yaml)).toEqual(ordersProduct.spec.outputPorts[0].contract);
  });

  it("shows a custom rule's implementation, a metric's arguments, an SLA's driver and extended value, and a contract without schema", async () => {
    const port = ordersProduct.spec.outputPorts[0];
    const contract = {
      ...contractOf('v3.1.0'),
      schema: [
        {
          name: 'orders',
          properties: [
            {
              name: 'status',
              quality: [
                {
                  type: 'custom',
                  engine: 'soda',
                  implementation: { type: 'duplicate_percent', max: 1 },
                },
                {
                  metric: 'invalidValues',
                  mustBeLessOrEqualTo: 5,
                  unit: 'percent',
                  arguments: { validValues: ['open', 'closed'] },
                },
              ],
            },
          ],
        },
      ],
      slaProperties: [
        { property: 'frequency', value: 1, valueExt: 2, unit: 'd' },
        {
          property: 'timeOfAvailability',
          value: '09:00',
          driver: 'regulatory',
        },
      ],
    };
    await renderWithCatalog(<DataProductContractsContent />, {
      entity: {
        ...ordersProduct,
        spec: {
          ...ordersProduct.spec,
          outputPorts: [
            { ...port, contract },
            {
              ...port,
              name: 'unshaped',
              contract: { ...contract, schema: undefined },
            },
          ],
        },
      },
    });
    expect(screen.getByText(/type: duplicate_percent/)).toHaveTextContent(
      'type: duplicate_percent max: 1',
    );
    expect(
      screen.getByText(
        'invalidValues — mustBeLessOrEqualTo 5 percent — validValues ["open","closed"]',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('frequency: 1 d (extended: 2)')[0],
    ).toBeInTheDocument();
    expect(screen.getAllByText(/driver regulatory/)[0]).toBeInTheDocument();
    expect(screen.getAllByText(/No schema/)).toHaveLength(1);
  });

  it("lists the rules of nested fields, with each rule's unit, query, dimension and severity", async () => {
    const port = ordersProduct.spec.outputPorts[0];
    const contract = {
      ...contractOf('v3.0.2'),
      schema: [
        {
          name: 'orders',
          quality: [
            {
              type: 'sql',
              query: 'SELECT COUNT(*) FROM orders WHERE total < 0',
              mustBe: 0,
              dimension: 'accuracy',
              severity: 'error',
            },
          ],
          properties: [
            {
              name: 'address',
              logicalType: 'object',
              properties: [
                {
                  name: 'postcode',
                  logicalType: 'string',
                  quality: [
                    {
                      metric: 'nullValues',
                      mustBeLessThan: 5,
                      unit: 'percent',
                    },
                  ],
                },
              ],
            },
            {
              name: 'line_items',
              logicalType: 'array',
              items: {
                logicalType: 'object',
                properties: [
                  {
                    name: 'sku',
                    logicalType: 'string',
                    quality: [{ metric: 'nullValues', mustBe: 0 }],
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    await renderWithCatalog(<DataProductContractsContent />, {
      entity: {
        ...ordersProduct,
        spec: { ...ordersProduct.spec, outputPorts: [{ ...port, contract }] },
      },
    });
    const rules = screen
      .getAllByRole('list', { name: `Quality rules of ${port.name}` })[0]
      .querySelectorAll('li');
    expect([...rules].map(rule => rule.textContent)).toEqual([
      'sql — mustBe 0orders · accuracy · severity errorSELECT COUNT(*) FROM orders WHERE total < 0',
      'nullValues — mustBeLessThan 5 percentorders.address.postcode',
      'nullValues — mustBe 0orders.line_items[].sku',
    ]);
  });

  it('says what is wrong with a stored contract that no longer parses', async () => {
    await renderWithCatalog(<DataProductContractsContent />, {
      entity: {
        ...ordersProduct,
        spec: {
          ...ordersProduct.spec,
          outputPorts: [
            {
              ...ordersProduct.spec.outputPorts[0],
              contract: {
                ...contractOf('v3.1.0'),
                schema: [
                  {
                    name: 'orders',
                    properties: [
                      {
                        name: 'sku',
                        logicalType: 'string',
                        logicalTypeOptions: { maxLength: 'sixty-four' },
                      },
                    ],
                  },
                ],
              },
            },
          ],
        },
      },
    });
    expect(screen.getByText(/Contract not valid/)).toBeInTheDocument();
    expect(
      screen.getByText(
        'schema[0].properties[0].logicalTypeOptions.maxLength: must be a whole number (found "sixty-four")',
      ),
    ).toBeInTheDocument();
  });

  it('warns about a port without a contract', async () => {
    await renderWithCatalog(<DataProductContractsContent />, {
      entity: cartsProduct,
    });
    expect(screen.getByText(/No contract/)).toBeInTheDocument();
  });
});
