import { markdownToPlainText } from './markdownToPlainText';

describe('markdownToPlainText', () => {
  it('drops markup and keeps words, leaving snake_case names alone', () => {
    expect(
      markdownToPlainText(
        '# Orders\n\nThe agreed definition of *an order*, see **[the wiki](https://w/x)**.\n\n- keyed by `order_id`\n- joins order_lines_v2 and __carts__',
      ),
    ).toBe(
      'Orders The agreed definition of an order, see the wiki. keyed by order_id joins order_lines_v2 and carts',
    );
  });

  it('drops raw HTML tags and keeps code blocks and words split by emphasis', () => {
    expect(
      markdownToPlainText(
        'Rows are <b>never</b> deleted: un*believ*able.\n\n```sql\nselect 1\n```',
      ),
    ).toBe('Rows are never deleted: unbelievable. select 1');
  });
});
