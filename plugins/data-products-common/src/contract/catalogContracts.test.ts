import fs from 'fs';
import path from 'path';
import { parseDataContract } from './parseDataContract';

/** The example mesh's contracts: one per output port, so each needs a schema. */
const CONTRACTS = path.resolve(__dirname, '../../../../catalog-info/contracts');

const files = (fs.readdirSync(CONTRACTS, { recursive: true }) as string[])
  .filter(file => file.endsWith('.odcs.yaml'))
  .sort();

describe('contracts of the example mesh', () => {
  it('are found', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s parses with no errors', file => {
    const { contract, errors } = parseDataContract(
      fs.readFileSync(path.join(CONTRACTS, file), 'utf8'),
    );
    expect(errors).toEqual([]);
    expect(contract!.schema[0].properties.length).toBeGreaterThan(0);
  });
});
