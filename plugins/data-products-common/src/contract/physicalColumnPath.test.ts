import type { SchemaProperty } from './DataContract';
import { physicalColumnPath } from './physicalColumnPath';

/** A contract column as parsed, with `fields` of an object. */
const column = (
  name: string,
  physicalName?: string,
  fields: SchemaProperty[] = [],
): SchemaProperty => ({
  name,
  physicalName,
  required: false,
  unique: false,
  primaryKey: false,
  tags: [],
  isPii: false,
  examples: [],
  quality: [],
  properties: fields,
  extensions: {},
});

const properties = [
  column('customerId', 'customer_id'),
  column('amount'),
  column('shipping', 'ship_to', [column('city', 'town'), column('zip')]),
  // Two of one name: the path is found through whichever has the field.
  column('meta', undefined, [column('a')]),
  column('meta', 'meta2', [column('b')]),
];

describe('physicalColumnPath', () => {
  it.each([
    ['customerId', 'customer_id'],
    ['CUSTOMERID', 'customer_id'],
    ['customer_id', 'customer_id'],
    ['amount', 'amount'],
    ['shipping.city', 'ship_to.town'],
    ['ship_to.town', 'ship_to.town'],
    ['shipping.zip', 'ship_to.zip'],
    ['meta.b', 'meta2.b'],
  ])('names %p as runs report it, %p', (typed, physical) => {
    expect(physicalColumnPath(properties, typed)).toBe(physical);
  });

  it('finds no column the contract does not have', () => {
    expect(physicalColumnPath(properties, 'discount')).toBeUndefined();
    expect(physicalColumnPath(properties, 'shipping.street')).toBeUndefined();
    expect(physicalColumnPath(properties, 'amount.x')).toBeUndefined();
  });
});
