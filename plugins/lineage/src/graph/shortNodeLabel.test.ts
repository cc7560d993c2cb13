import { shortNodeLabel } from './shortNodeLabel';

describe('shortNodeLabel', () => {
  it('keeps a name that fits whole', () => {
    expect(shortNodeLabel('hunt_sales.weekly_report', 24)).toBe(
      'hunt_sales.weekly_report',
    );
  });

  it('keeps the end of file paths that share their start', () => {
    const long = shortNodeLabel(
      '/warehouse/hunt_sales.db/sales_weekly_partitioned_by_iso_week_and_region_with_extra_long_directory_name/data',
      24,
    );
    const short = shortNodeLabel('/warehouse/hunt_sales.db/raw_orders', 24);
    expect(long).toBe('…directory_name/data');
    expect(short).toBe('…sales.db/raw_orders');
  });

  it("keeps a dotted name's table and an s3 key's file", () => {
    expect(
      shortNodeLabel(
        'warehouse_prod.analytics_mart.customer_lifetime_value',
        24,
      ),
    ).toBe('…customer_lifetime_value');
    expect(
      shortNodeLabel('exports/2026/12/sales_weekly_export.parquet', 24),
    ).toBe('…weekly_export.parquet');
  });

  it('keeps the end of a Kafka topic', () => {
    expect(shortNodeLabel('prod.retail.orders.order_line_items.v2', 24)).toBe(
      '…order_line_items.v2',
    );
  });

  it('cuts inside a word when no word starts near the cut', () => {
    expect(shortNodeLabel('a.customerlifetimevaluebysegment', 10)).toBe(
      '…bysegment',
    );
    // Not '…v2': cutting at the last word would keep too little.
    expect(shortNodeLabel('a.customerlifetimevalue_v2', 10)).toBe('…evalue_v2');
  });

  it('never splits a character made of two code units', () => {
    expect(shortNodeLabel('topic😀😀😀😀😀', 4)).toBe('…😀😀😀');
  });

  it('keeps no more than room is left for', () => {
    expect(shortNodeLabel('abcdef', 2)).toBe('…f');
    expect(shortNodeLabel('abcdef', 1)).toBe('…');
    expect(shortNodeLabel('abcdef', 0)).toBe('…');
  });
});
