import { searchTextsOf } from './searchTextsOf';

describe('searchTextsOf', () => {
  it('reads a job as OpenLineage writes it, <namespace>:<name>, by its name too', () => {
    expect(searchTextsOf('meshwork-retail.airflow:orders.build')).toEqual([
      'meshwork-retail.airflow:orders.build',
      'orders.build',
    ]);
    expect(searchTextsOf('job:meshwork-retail.airflow:orders.build')).toEqual([
      'orders.build',
    ]);
  });

  it("reads BigQuery's OpenLineage namespace and name as the table's name", () => {
    expect(searchTextsOf('bigquery:shop-prod.checkout.orders')[0]).toBe(
      'shop-prod.checkout.orders',
    );
    expect(searchTextsOf('shop-prod:checkout.orders')[0]).toBe(
      'shop-prod.checkout.orders',
    );
  });

  it("reads an object store's file or partition as its dataset's folder next", () => {
    expect(
      searchTextsOf(
        's3://meshwork-retail-lake/raw/checkout/events/part-0000.parquet',
      ),
    ).toEqual([
      's3://meshwork-retail-lake/raw/checkout/events/part-0000.parquet',
      's3://meshwork-retail-lake/raw/checkout/events',
    ]);
    expect(
      searchTextsOf(
        's3://meshwork-retail-lake/raw/checkout/events/dt=2026-12-06/',
      ),
    ).toEqual([
      's3://meshwork-retail-lake/raw/checkout/events/dt=2026-12-06/',
      's3://meshwork-retail-lake/raw/checkout/events',
    ]);
    expect(
      searchTextsOf(
        'gs://lake/raw/events/dt=2026-12-06/hour=03/part-1.json',
      )[1],
    ).toBe('gs://lake/raw/events');
    expect(searchTextsOf('s3://lake/raw/checkout/events')).toEqual([
      's3://lake/raw/checkout/events',
    ]);
  });

  it.each([
    ['ERROR: relation "checkout.orders" does not exist', 'checkout.orders'],
    [
      "Object 'ANALYTICS.FINANCE.DAILY_REVENUE' does not exist or not authorized.",
      'ANALYTICS.FINANCE.DAILY_REVENUE',
    ],
    ['relation "ANALYTICS"."ORDERS" does not exist', 'ANALYTICS.ORDERS'],
    ['analytics.checkout.orders.', 'analytics.checkout.orders'],
    ['analytics.checkout.orders,', 'analytics.checkout.orders'],
    ['analytics.checkout.orders;', 'analytics.checkout.orders'],
    [
      '\u200banalytics.checkout\u200b.orders\uFEFF',
      'analytics.checkout.orders',
    ],
  ])('reads the table named in %j', (typed, name) => {
    expect(searchTextsOf(typed)).toEqual([name]);
  });

  it('leaves a line quoting two names, or none, as typed', () => {
    expect(searchTextsOf("chef's orders")).toEqual(["chef's orders"]);
    expect(searchTextsOf('join of "a.x" and "b.y"')).toEqual([
      'join of "a.x" and "b.y"',
    ]);
  });

  it.each([
    [
      'http://airflow.example/log?dag_id=orders&task_id=build&execution_date=2026-12-06T00%3A00%3A00',
      'orders.build',
    ],
    [
      'http://airflow.example/dags/orders/grid?task_id=build&dag_run_id=scheduled__2026-12-06',
      'orders.build',
    ],
    [
      'http://airflow.example/dags/orders/runs/scheduled__2026-12-06/tasks/build',
      'orders.build',
    ],
    ['http://airflow.example/dags/finance-daily-dag/grid', 'finance-daily-dag'],
  ])('reads the Airflow address %s as the job %s', (typed, job) => {
    expect(searchTextsOf(typed)).toEqual([job]);
  });

  it("reads Airflow's dag/task as the task's job next", () => {
    expect(searchTextsOf('orders/build')).toEqual([
      'orders/build',
      'orders.build',
    ]);
  });

  it("still reads a Lineage page's address and a node id", () => {
    expect(
      searchTextsOf(
        'http://localhost:3000/lineage?node=dataset%3Apostgres%3A%2F%2Fwh%3A5432%3Aanalytics.orders',
      ),
    ).toEqual(['postgres://wh:5432 analytics.orders']);
    expect(searchTextsOf('dataset:s3://lake:raw/events')).toEqual([
      's3://lake raw/events',
    ]);
  });
});
