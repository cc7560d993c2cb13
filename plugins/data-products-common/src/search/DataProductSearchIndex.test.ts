import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DATA_PRODUCT_KIND,
  DataProductEntityV1alpha1,
  OPENLINEAGE_JOBS_ANNOTATION,
} from '../kinds';
import { DataProductSearchIndex } from './DataProductSearchIndex';
import { comparableEntityRef } from './listingRefs';

const product = (name: string, dataset: string, columns: string[]) =>
  ({
    apiVersion: 'meshwork.dev/v1alpha1',
    kind: 'DataProduct',
    metadata: { name, namespace: 'default' },
    spec: {
      outputPorts: [
        {
          name: 'out',
          type: 'table',
          dataset: { namespace: 'postgres://warehouse:5432', name: dataset },
          contract: {
            apiVersion: 'v3.0.2',
            kind: 'DataContract',
            id: name,
            version: '1.0.0',
            status: 'active',
            schema: [
              {
                name: 't',
                properties: columns.map(c => ({
                  name: c,
                  logicalType: 'string',
                })),
              },
            ],
          },
        },
      ],
    },
  } as unknown as DataProductEntityV1alpha1);

const index = DataProductSearchIndex.build([
  product('orders', 'analytics.checkout.orders', ['order_id', 'customer_id']),
  product('order-lines', 'analytics.checkout.order_lines', ['order_id', 'sku']),
  product('customers', 'analytics.customer.customers', [
    'customer_id',
    'email',
  ]),
]);
const refs = (input: string, limit = 10) =>
  index.search(input, limit).items.map(item => item.entityRef);

/** The names of the products the first page of `searchIndex` lists for `q`, by name. */
function pagedNames(searchIndex: DataProductSearchIndex, q: string): string[] {
  return searchIndex
    .page({ filters: {}, sort: 'name', order: 'asc', page: 0, pageSize: 25, q })
    .items.map(p => p.metadata.name);
}

describe('DataProductSearchIndex', () => {
  it('finds a product by one of its 100,000 columns, each match once', () => {
    const wide = DataProductSearchIndex.build([
      product(
        'wide',
        'analytics.wide',
        Array.from({ length: 100_000 }, (_, i) => `col_${i}`),
      ),
    ]);
    const { items } = wide.search('col_', 10);
    expect(items.map(item => item.entityRef)).toEqual([
      'dataproduct:default/wide',
    ]);
  });

  it('finds a table by its full name, a tail of it, or with its namespace', () => {
    expect(refs('analytics.checkout.orders')).toEqual([
      'dataproduct:default/orders',
    ]);
    expect(refs('checkout.order')).toEqual([
      'dataproduct:default/order-lines',
      'dataproduct:default/orders',
    ]);
    expect(
      refs('postgres://warehouse:5432/analytics.customer.customers'),
    ).toEqual(['dataproduct:default/customers']);
    expect(
      refs('POSTGRES://warehouse:5432  analytics.customer.customers'),
    ).toEqual(['dataproduct:default/customers']);
  });

  it("finds a table by another spelling of its port's namespace", () => {
    expect(
      refs('postgresql://warehouse:5432/analytics.customer.customers'),
    ).toEqual(['dataproduct:default/customers']);
    expect(refs('postgres://warehouse/analytics.customer.customers')).toEqual([
      'dataproduct:default/customers',
    ]);
  });

  it('finds a table by its name alone when nothing is in the namespace typed', () => {
    expect(refs('kafka://broker:9092/analytics.customer.customers')).toEqual([
      'dataproduct:default/customers',
    ]);
    expect(refs('kafka://broker:9092/nope.nothing')).toEqual([]);
  });

  it("finds a bucket's files by s3:// or Hadoop's s3a://, whichever the port declares", () => {
    const lake = (name: string, namespace: string) => {
      const entity = product(name, 'raw/events', []);
      entity.spec.outputPorts[0].dataset = { namespace, name: 'raw/events' };
      return entity;
    };
    const buckets = DataProductSearchIndex.build([
      lake('events', 's3a://lake'),
      lake('clicks', 's3://clicks'),
    ]);
    const found = (input: string) =>
      buckets.search(input, 10).items.map(item => item.entityRef);
    expect(found('s3://lake/raw/events')).toEqual([
      'dataproduct:default/events',
    ]);
    expect(found('s3a://lake/raw/events/')).toEqual([
      'dataproduct:default/events',
    ]);
    expect(found('s3n://clicks raw/events')).toEqual([
      'dataproduct:default/clicks',
    ]);
  });

  it('finds columns at word boundaries and says where they matched', () => {
    expect(refs('customer_id')).toEqual([
      'dataproduct:default/customers',
      'dataproduct:default/orders',
    ]);
    expect(index.search('email', 10).items[0]).toEqual({
      entityRef: 'dataproduct:default/customers',
      product: expect.objectContaining({
        metadata: expect.objectContaining({ name: 'customers' }),
      }),
      matches: [{ on: 'column', text: 't.email', port: 'out', exact: true }],
    });
    expect(refs('sku')).toEqual(['dataproduct:default/order-lines']);
  });

  it('finds a camelCase column or dataset by any of its words, typed in any case', () => {
    const camel = DataProductSearchIndex.build([
      product('sales', 'analytics.dailyRevenue', ['customerEmail']),
    ]);
    const found = (input: string) =>
      camel.search(input, 10).items.map(item => item.entityRef);
    for (const input of ['email', 'Email', 'customer', 'customerEmail']) {
      expect(found(input)).toEqual(['dataproduct:default/sales']);
    }
    expect(found('revenue')).toEqual(['dataproduct:default/sales']);
    const listed = camel.page({
      filters: {},
      sort: 'name',
      order: 'asc',
      page: 0,
      pageSize: 25,
      q: 'email',
    });
    expect(listed.items.map(p => p.metadata.name)).toEqual(['sales']);
  });

  it('finds a product by a job it declares, by a word of it or in its namespace', () => {
    const declaring = (name: string, jobs: string) => {
      const entity = product(name, `analytics.${name}`, []);
      entity.metadata.annotations = { [OPENLINEAGE_JOBS_ANNOTATION]: jobs };
      return entity;
    };
    const jobs = DataProductSearchIndex.build([
      declaring('orders', 'meshwork-retail.airflow:orders.reverseEtlSync'),
      declaring('customers', 'spark://host:7077:customers.reverseEtlSync'),
    ]);
    expect(jobs.search('etlsync', 10).items).toEqual([
      expect.objectContaining({
        entityRef: 'dataproduct:default/customers',
        matches: [
          {
            on: 'declaredJob',
            text: 'customers.reverseEtlSync',
            exact: false,
          },
        ],
      }),
      expect.objectContaining({ entityRef: 'dataproduct:default/orders' }),
    ]);
    expect(
      jobs
        .search('spark://host:7077 customers.reverseEtlSync', 10)
        .items.map(item => [item.entityRef, item.matches[0].exact]),
    ).toEqual([['dataproduct:default/customers', true]]);
    expect(pagedNames(jobs, 'reverseEtl')).toEqual(['customers', 'orders']);
  });

  it('puts exact matches first and counts everything it found', () => {
    expect(refs('orders')[0]).toBe('dataproduct:default/orders');
    const limited = index.search('order', 1);
    expect(limited.items).toHaveLength(1);
    expect(limited.totalItems).toBe(2);
  });

  describe('on a bare name', () => {
    /** A product with one port per `[port, dataset, columns]`. */
    const ported = (
      name: string,
      ports: Array<[string, string, string[]]>,
    ): DataProductEntityV1alpha1 => {
      const entity = product(name, '', []);
      entity.spec.outputPorts = ports.map(([port, dataset, columns]) => ({
        ...product(name, dataset, columns).spec.outputPorts[0],
        name: port,
      }));
      return entity;
    };
    // As in the example mesh: names holding another product's name as a word.
    const mesh = DataProductSearchIndex.build([
      ported('finance-reporting', [
        ['vat-returns', 'curated/finance/vat_returns', ['period']],
      ]),
      ported('returns', [['returns', 'analytics.logistics.returns', []]]),
      ported('campaign-performance', [
        ['campaigns', 'analytics.marketing.campaigns', ['attributed_orders']],
      ]),
      ported('customer-lifetime-value', [
        ['clv', 'analytics.customer.clv', ['lifetime_orders']],
      ]),
      ported('checkout', [
        ['checkout-orders', 'analytics.checkout.orders', ['order_id']],
      ]),
    ]);
    const found = (input: string) =>
      mesh
        .search(input, 10)
        .items.map(({ entityRef, matches }) => [
          entityRef.replace('dataproduct:default/', ''),
          matches[0].exact,
        ]);

    it('puts the product of that whole name before those it is only a word of, which are not exact', () => {
      expect(found('returns')).toEqual([
        ['returns', true],
        ['finance-reporting', false],
      ]);
      expect(found('orders')).toEqual([
        ['checkout', true],
        ['campaign-performance', false],
        ['customer-lifetime-value', false],
      ]);
    });

    it("takes a table's name, or a tail of whole segments of it, as a whole name", () => {
      for (const input of ['orders', 'checkout.orders', 'order_id']) {
        expect(found(input)[0]).toEqual(['checkout', true]);
      }
      expect(
        found('postgres://warehouse:5432/analytics.checkout.orders'),
      ).toEqual([['checkout', true]]);
      expect(found('vat_returns')).toEqual([['finance-reporting', true]]);
      expect(found('finance/vat_returns')).toEqual([
        ['finance-reporting', true],
      ]);
      expect(mesh.search('orders', 10).items[0].matches).toEqual([
        {
          on: 'dataset',
          text: 'analytics.checkout.orders',
          port: 'checkout-orders',
          exact: true,
        },
        {
          on: 'port',
          text: 'checkout-orders',
          port: 'checkout-orders',
          exact: false,
        },
      ]);
    });

    it('puts the start of a whole name before a word inside one while typing', () => {
      expect(found('order')).toEqual([
        ['checkout', false],
        ['campaign-performance', false],
        ['customer-lifetime-value', false],
      ]);
    });
  });

  it('lists each product found without its contracts', () => {
    expect(index.search('sku', 10).items[0].product).toEqual({
      apiVersion: 'meshwork.dev/v1alpha1',
      kind: 'DataProduct',
      metadata: { name: 'order-lines', namespace: 'default' },
      spec: {
        outputPorts: [
          {
            name: 'out',
            dataset: {
              namespace: 'postgres://warehouse:5432',
              name: 'analytics.checkout.order_lines',
            },
          },
        ],
      },
    });
  });

  it('lists the products asked for that it knows, or all', () => {
    const names = (entityRefs?: string[]) =>
      index.listings(entityRefs).map(listing => listing.metadata.name);
    expect(names()).toEqual(['orders', 'order-lines', 'customers']);
    expect(
      names([
        'dataproduct:default/customers',
        'dataproduct:default/unknown',
        'dataproduct:default/customers',
      ]),
    ).toEqual(['customers']);
  });

  it('pages what a term finds, among the products given when given', () => {
    const query = {
      filters: {},
      sort: 'name' as const,
      order: 'asc' as const,
      page: 0,
      pageSize: 25,
    };
    const names = (extra: { q?: string; entityRefs?: string[] }) =>
      index.page({ ...query, ...extra }).items.map(p => p.metadata.name);
    expect(names({ q: 'customer_id' })).toEqual(['customers', 'orders']);
    expect(
      names({ q: 'customer_id', entityRefs: ['dataproduct:default/orders'] }),
    ).toEqual(['orders']);
    expect(names({ entityRefs: ['dataproduct:default/order-lines'] })).toEqual([
      'order-lines',
    ]);
    expect(names({})).toEqual(['customers', 'order-lines', 'orders']);
  });

  describe('a product whose namespace and name hold upper case', () => {
    // Backstage names may hold upper case (the catalog's namespaces may not,
    // but the index reads either). The catalog compares refs without it, and
    // stringifyEntityRef writes them lower-cased (kind, namespace and name),
    // as the read permission's refs, the listings query's refs and the
    // lineage and governance backends' statuses name products: so does the
    // index.
    const mixed = DataProductSearchIndex.build([
      {
        ...product('Orders', 'sales.orders', ['order_id']),
        metadata: { name: 'Orders', namespace: 'Sales' },
      },
      product('customers', 'analytics.customer.customers', ['customer_id']),
    ]);
    const ref = 'dataproduct:sales/orders';
    const others = new Set(['dataproduct:default/customers']);
    const query = {
      filters: {},
      sort: 'name' as const,
      order: 'asc' as const,
      page: 0,
      pageSize: 25,
    };
    const paged = (
      extra: { q?: string; entityRefs?: string[] },
      readable?: ReadonlySet<string>,
    ) =>
      mixed
        .page({ ...query, ...extra }, readable)
        .items.map(p => p.metadata.name);

    it('names it by the ref the listings query reads from any spelling of it', () => {
      expect(mixed.search('order_id', 10).items).toEqual([
        expect.objectContaining({
          entityRef: ref,
          product: expect.objectContaining({
            metadata: expect.objectContaining({
              name: 'Orders',
              namespace: 'Sales',
            }),
          }),
        }),
      ]);
      for (const spelling of [
        'DataProduct:Sales/Orders',
        'dataproduct:SALES/ORDERS',
        'Sales/Orders',
      ]) {
        expect(comparableEntityRef(spelling, DATA_PRODUCT_KIND)).toBe(ref);
      }
      expect(
        stringifyEntityRef({
          kind: 'DataProduct',
          namespace: 'Sales',
          name: 'Orders',
        }),
      ).toBe(ref);
    });

    it('lists, finds and pages it when readable, and hides it when not', () => {
      const names = (entityRefs?: string[], readable?: ReadonlySet<string>) =>
        mixed
          .listings(entityRefs, readable)
          .map(listing => listing.metadata.name);
      expect(names([ref])).toEqual(['Orders']);
      expect(names([ref], new Set([ref]))).toEqual(['Orders']);
      expect(names(undefined, new Set([ref]))).toEqual(['Orders']);
      expect(names([ref], others)).toEqual([]);
      expect(names(undefined, others)).toEqual(['customers']);

      const found = (readable?: ReadonlySet<string>) =>
        mixed
          .search('order_id', 10, { readable })
          .items.map(item => item.entityRef);
      expect(found(new Set([ref]))).toEqual([ref]);
      expect(found(others)).toEqual([]);

      expect(paged({ entityRefs: [ref] })).toEqual(['Orders']);
      expect(paged({ q: 'order_id', entityRefs: [ref] })).toEqual(['Orders']);
      expect(paged({ q: 'order', entityRefs: [ref] }, new Set([ref]))).toEqual([
        'Orders',
      ]);
      expect(paged({ q: 'order_id' }, others)).toEqual([]);
      expect(paged({ entityRefs: [ref] }, others)).toEqual([]);
    });
  });

  it('pages products by a word of their description or a port name, as the catalog would; searches only names', () => {
    const described = DataProductSearchIndex.build([
      {
        ...product('payments', 'finance.payments', ['amount']),
        metadata: {
          name: 'payments',
          namespace: 'default',
          description: 'Captures, refunds and chargebacks, hourly.',
        },
      },
      product('refund-reasons', 'finance.refund_reasons', ['reason']),
    ]);
    const names = (q: string) => pagedNames(described, q);
    expect(names('refund')).toEqual(['payments', 'refund-reasons']);
    expect(names('chargebacks')).toEqual(['payments']);
    expect(names('out')).toEqual(['payments', 'refund-reasons']);
    expect(
      described.search('refund', 10).items.map(item => item.entityRef),
    ).toEqual(['dataproduct:default/refund-reasons']);
    expect(
      described.search('refunds', 10, { descriptions: true }).items[0].matches,
    ).toEqual([{ on: 'description', text: 'refunds', exact: true }]);
  });

  it('finds a column and a table by the physical names the warehouse uses, naming what matched', () => {
    const payments = product('payments', 'finance.payments', []);
    payments.spec.outputPorts[0].contract = {
      ...(payments.spec.outputPorts[0].contract as object),
      schema: [
        {
          name: 'tbl',
          physicalName: 'tbl_1',
          properties: [
            {
              name: 'transaction_reference_date',
              physicalName: 'txn_ref_dt',
              logicalType: 'date',
            },
            { name: 'rcvr_id', logicalType: 'string' },
          ],
        },
        {
          name: 'receivers',
          physicalName: 'receivers_master',
          properties: [{ name: 'id', logicalType: 'string' }],
        },
      ],
    };
    const physical = DataProductSearchIndex.build([payments]);
    const matches = (q: string) =>
      physical
        .search(q, 10, { descriptions: true })
        .items.flatMap(item => item.matches);
    expect(matches('txn_ref_dt')).toEqual([
      { on: 'column', text: 'tbl_1.txn_ref_dt', port: 'out', exact: true },
    ]);
    expect(matches('transaction_reference_date')).toEqual([
      {
        on: 'column',
        text: 'tbl.transaction_reference_date',
        port: 'out',
        exact: true,
      },
    ]);
    expect(matches('receivers_master')).toEqual([
      { on: 'column', text: 'receivers_master.id', port: 'out', exact: false },
    ]);
    // A name both share matches once, by the contract's name.
    expect(matches('rcvr_id')).toEqual([
      { on: 'column', text: 'tbl.rcvr_id', port: 'out', exact: true },
    ]);
    // The on-call finder's search too.
    expect(physical.search('txn_ref_dt', 10).totalItems).toBe(1);
    expect(pagedNames(physical, 'txn_ref')).toEqual(['payments']);
  });

  it("pages products by a tag or their domain's name, as the explorer searches; ranks one so named first; on-call searches neither", () => {
    const tagged = (name: string, tags: string[], domain: string) => {
      const entity = product(name, `sales.${name}`, []);
      entity.metadata.tags = tags;
      entity.spec.domain = domain;
      return entity;
    };
    const catalogued = DataProductSearchIndex.build([
      tagged('payments', ['finance-x', 'pii'], 'domain:default/treasury'),
      tagged('treasury-positions', [], 'cash'),
      tagged('treasury', [], 'cash'),
      tagged('refunds', ['treasury'], 'cash'),
    ]);
    const names = (q: string) => pagedNames(catalogued, q);
    expect(names('finance-x')).toEqual(['payments']);
    expect(names('finance')).toEqual(['payments']);
    expect(names('pii')).toEqual(['payments']);
    expect(names('cash')).toEqual([
      'refunds',
      'treasury',
      'treasury-positions',
    ]);
    expect(names('pii treasury')).toEqual(['payments']);
    const found = catalogued.search('treasury', 10, { descriptions: true });
    expect(
      found.items.map(({ entityRef, matches }) => [
        entityRef.replace('dataproduct:default/', ''),
        matches[0],
      ]),
    ).toEqual([
      ['treasury', { on: 'product', text: 'treasury', exact: true }],
      // Tagged or in a domain named as typed, before a name only starting so.
      ['payments', { on: 'domain', text: 'treasury', exact: true }],
      ['refunds', { on: 'tag', text: 'treasury', exact: true }],
      [
        'treasury-positions',
        { on: 'product', text: 'treasury-positions', exact: false },
      ],
    ]);
    expect(catalogued.search('finance-x', 10).totalItems).toBe(0);
    expect(catalogued.search('cash', 10).totalItems).toBe(0);
  });

  describe('on several words', () => {
    const described = (
      entity: DataProductEntityV1alpha1,
      metadata: { title?: string; description?: string },
    ) => ({ ...entity, metadata: { ...entity.metadata, ...metadata } });
    const phrased = DataProductSearchIndex.build([
      described(product('orders', 'sales.orders', ['order_id']), {
        description: 'A daily snapshot of confirmed customer orders.',
      }),
      described(product('carts', 'sales.carts', ['customer_id']), {
        description: 'Abandoned customer carts.',
      }),
    ]);
    const names = (q: string) => pagedNames(phrased, q);

    it('pages the products each word finds, in any order, as a phrase of the description finds them in the catalog', () => {
      expect(names('confirmed customer orders')).toEqual(['orders']);
      expect(names('snapshot of confirmed')).toEqual(['orders']);
      expect(names('orders confirm')).toEqual(['orders']);
      expect(names('customer order_id')).toEqual(['orders']);
      expect(names('customer')).toEqual(['carts', 'orders']);
      expect(names('confirmed customer carts')).toEqual([]);
      // The on-call finder's search reads no descriptions.
      expect(phrased.search('confirmed customer orders', 10).totalItems).toBe(
        0,
      );
    });

    it('reads past the punctuation and spaces around words', () => {
      expect(names('  "Confirmed,  customer   ORDERS."  ')).toEqual(['orders']);
      expect(names('customer - orders')).toEqual(['orders']);
      expect(names('orders ,')).toEqual(['orders']);
      expect(names(' , . ')).toEqual([]);
      expect(names('   ')).toEqual(['carts', 'orders']);
      expect(phrased.search('   ', 10)).toEqual({ items: [], totalItems: 0 });
    });

    it('ranks the products the whole text names first, then those found word by word, by their least well named word; none exact', () => {
      const ranked = DataProductSearchIndex.build([
        product('a-ids', 'sales.a', ['customer_id', 'value_gbp']),
        product('b-columns', 'sales.b', ['customer', 'value']),
        described(product('c-title', 'sales.c', []), {
          title: 'Customer Value',
        }),
      ]);
      expect(
        ranked
          .search('customer value', 10)
          .items.map(({ entityRef, matches }) => [
            entityRef.replace('dataproduct:default/', ''),
            matches.map(match => [match.text, match.exact]),
          ]),
      ).toEqual([
        ['c-title', [['Customer Value', true]]],
        [
          'b-columns',
          expect.arrayContaining([
            ['t.customer', false],
            ['t.value', false],
          ]),
        ],
        [
          'a-ids',
          expect.arrayContaining([
            ['t.customer_id', false],
            ['t.value_gbp', false],
          ]),
        ],
      ]);
    });
  });

  it('finds words with combining marks, and accents typed either way', () => {
    const indexed = DataProductSearchIndex.build([
      {
        ...product('cafe-sales', 'sales.cafe', ['amount']),
        metadata: {
          name: 'cafe-sales',
          namespace: 'default',
          // Decomposed: e and a combining acute accent.
          title: 'Cafe\u0301 sales',
          description: 'दैनिक बिक्री का सारांश',
        },
      },
    ]);
    const found = (q: string, descriptions = false) =>
      indexed.search(q, 10, { descriptions }).items.map(i => i.entityRef);
    expect(found('caf\u00e9')).toEqual(['dataproduct:default/cafe-sales']);
    expect(found('बिक्री', true)).toEqual(['dataproduct:default/cafe-sales']);
  });

  it('finds nothing for an empty or unknown term', () => {
    expect(index.search('  ', 10)).toEqual({ items: [], totalItems: 0 });
    expect(refs('shipments')).toEqual([]);
  });
});
