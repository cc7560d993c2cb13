import { screen } from '@testing-library/react';
import { parse } from 'yaml';
import { cartsProduct, ordersProduct } from '../../__testUtils__/testMesh';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { DataProductContractsContent } from './DataProductContractsContent';

describe('DataProductContractsContent', () => {
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

  it('warns about a port without a contract', async () => {
    await renderWithCatalog(<DataProductContractsContent />, {
      entity: cartsProduct,
    });
    expect(screen.getByText(/No contract/)).toBeInTheDocument();
  });
});
