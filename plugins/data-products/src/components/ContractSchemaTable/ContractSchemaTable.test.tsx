import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { parseDataContract } from '@meshwork/plugin-data-products-common';
import { ordersProduct } from '../../__testUtils__/testMesh';
import { ContractSchemaTable } from './ContractSchemaTable';

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
});
