import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { LevelDistributionBar } from './LevelDistributionBar';

describe('LevelDistributionBar', () => {
  it('draws a segment per level present, best first, sized by count', async () => {
    await renderInTestApp(
      <LevelDistributionBar
        levels={{ gold: 1, silver: 3, bronze: 0, none: 4 }}
      />,
    );
    const bar = screen.getByRole('img', {
      name: 'Levels: gold 1, silver 3, bronze 0, none 4',
    });
    expect(
      [...bar.children].map(segment => (segment as HTMLElement).style.width),
    ).toEqual(['12.5%', '37.5%', '50%']);
    expect(
      screen.getByText('gold 1 · silver 3 · bronze 0 · none 4'),
    ).toBeInTheDocument();
  });

  it('draws an empty bar when no product is counted', async () => {
    await renderInTestApp(
      <LevelDistributionBar
        levels={{ gold: 0, silver: 0, bronze: 0, none: 0 }}
      />,
    );
    const bar = screen.getByRole('img', {
      name: 'Levels: gold 0, silver 0, bronze 0, none 0',
    });
    expect(bar.children).toHaveLength(0);
  });
});
