import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { parseDataContract } from '@meshwork/plugin-data-products-common';
import { ordersProduct } from '../../__testUtils__/testMesh';
import { ContractSchemaTable } from './ContractSchemaTable';
import {
  contrastOf,
  inAppTheme,
} from '@meshwork/plugin-data-products-react/testUtils';

describe('ContractSchemaTable', () => {
  it('shows each column with type, keys and PII highlighted', async () => {
    const { contract } = parseDataContract(
      ordersProduct.spec.outputPorts[0].contract,
    );
    await renderInTestApp(<ContractSchemaTable object={contract!.schema[0]} />);
    const orderId = screen.getByText('order_id').closest('tr')!;
    expect(orderId).toHaveTextContent('string / varchar(36)');
    expect(within(orderId).getAllByText('yes')).toHaveLength(2);
    const email = screen.getByText('customer_email').closest('tr')!;
    expect(within(email).getByText('PII')).toBeInTheDocument();
  });

  it("shows the fields of objects and of an array's items", async () => {
    const { contract } = parseDataContract({
      apiVersion: 'v3.0.2',
      kind: 'DataContract',
      id: 'shipments',
      version: '1.0.0',
      status: 'active',
      schema: [
        {
          name: 'shipments',
          properties: [
            {
              name: 'address',
              logicalType: 'object',
              properties: [{ name: 'postcode', logicalType: 'string' }],
            },
            {
              name: 'line_items',
              logicalType: 'array',
              items: {
                logicalType: 'object',
                properties: [
                  { name: 'sku', logicalType: 'string', physicalType: 'text' },
                ],
              },
            },
            {
              name: 'tags',
              logicalType: 'array',
              items: { logicalType: 'string' },
            },
          ],
        },
      ],
    });
    await renderInTestApp(<ContractSchemaTable object={contract!.schema[0]} />);
    const rows = within(screen.getByRole('table'))
      .getAllByRole('row')
      .slice(1)
      .map(row =>
        within(row)
          .getAllByRole('cell')
          .slice(0, 2)
          .map(c => c.textContent),
      );
    expect(rows).toEqual([
      ['address', 'object'],
      ['address.postcode', 'string'],
      ['line_items', 'array'],
      ['line_items[]', 'object'],
      ['line_items[].sku', 'string / text'],
      ['tags', 'array'],
      ['tags[]', 'string'],
    ]);
  });
});

describe.each(['light', 'dark'])(
  'ContractSchemaTable in the %s theme',
  themeId => {
    inAppTheme(themeId);

    it('marks PII on a chip whose text reads (4.5:1)', async () => {
      const { contract } = parseDataContract(
        ordersProduct.spec.outputPorts[0].contract,
      );
      await renderInTestApp(
        <ContractSchemaTable object={contract!.schema[0]} />,
      );
      const email = screen.getByText('customer_email').closest('tr')!;
      expect(contrastOf(within(email).getByText('PII'))).toBeGreaterThanOrEqual(
        4.5,
      );
    });
  },
);
