import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { CatalogSearchResultListItem } from './CatalogSearchResultListItem';

const preTag = '<abc>';
const postTag = '</abc>';

const result = {
  title: 'Customer Segments (legacy RFM)',
  text: 'Exported for the old CRM tool. Deprecated: use customer-segments.',
  location: '/catalog/default/dataproduct/customer-segments-legacy',
  kind: 'DataProduct',
  owner: 'group:customer-data',
};

const renderItem = (fields: Record<string, string>) =>
  renderInTestApp(
    <CatalogSearchResultListItem
      result={result}
      highlight={{ preTag, postTag, fields }}
    />,
  );

describe('CatalogSearchResultListItem', () => {
  it('keeps the space between two highlighted words', async () => {
    await renderItem({
      text: `Exported for the old CRM tool. Deprecated: ${preTag}use${postTag} ${preTag}customer${postTag}-segments.`,
    });
    const marks = await screen.findAllByText(/^(use|customer)$/);
    expect(marks.map(mark => mark.tagName)).toEqual(['MARK', 'MARK']);
    // The clamped box lays out no text child that is only white space.
    const box = marks[0].closest<HTMLElement>('[style*="-webkit-box"]')!;
    expect(box.textContent).toBe(result.text);
    const blankChildren = [...box.childNodes].filter(
      node => node.nodeType === Node.TEXT_NODE && !node.textContent?.trim(),
    );
    expect(blankChildren).toEqual([]);
  });

  it('breaks lines between words, not inside them', async () => {
    await renderItem({});
    const description = await screen.findByText(result.text);
    const style = getComputedStyle(
      description.closest<HTMLElement>('.MuiListItemText-root')!,
    );
    expect(style.wordBreak).not.toBe('break-all');
    expect(style.overflowWrap).toBe('anywhere');
  });

  it('names the identifiers the query matched whole, and the owner', async () => {
    await renderItem({
      terms: [
        'Exported for the old CRM tool.',
        `segments_v1.${preTag}customer${postTag}_${preTag}id${postTag}`,
        `${preTag}customer${postTag}_segment`,
        `${preTag}customer${postTag}_${preTag}id${postTag}`,
      ].join(' : '),
    });
    expect(
      await screen.findByText('Matches: segments_v1.customer_id, customer_id'),
    ).toBeInTheDocument();
    expect(screen.getByText('Owner: group:customer-data')).toBeInTheDocument();
  });
});
