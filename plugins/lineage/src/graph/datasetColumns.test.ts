import { ordersDetails } from '../__testUtils__/fixtures';
import { datasetColumns } from './datasetColumns';

describe('datasetColumns', () => {
  it("lists the schema's columns in its order, then those only lineage names", () => {
    expect(
      datasetColumns({
        ...ordersDetails,
        columns: ['amount', 'customer_id', 'legacy_id', 'order_id'],
      }),
    ).toEqual(['order_id', 'customer_id', 'amount', 'legacy_id']);
  });

  it('offers the columns column lineage reads of a dataset with no schema', () => {
    expect(
      datasetColumns({ ...ordersDetails, facets: {}, columns: ['id'] }),
    ).toEqual(['id']);
  });

  it('skips schema fields that are not named objects', () => {
    expect(
      datasetColumns({
        ...ordersDetails,
        facets: { schema: { fields: [null, { name: 3 }, { name: 'id' }] } },
        columns: [],
      }),
    ).toEqual(['id']);
  });
});
