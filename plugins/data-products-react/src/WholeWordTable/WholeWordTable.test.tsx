import { TableBody, TableCell, TableRow } from '@material-ui/core';
import { render, screen } from '@testing-library/react';
import { WholeWordTable } from './WholeWordTable';

describe('WholeWordTable', () => {
  // Over Backstage's theme in a browser: see the explorer's browser test.
  it('keeps words whole in its cells', () => {
    render(
      <WholeWordTable aria-label="SLOs">
        <TableBody>
          <TableRow>
            <TableCell>freshness</TableCell>
          </TableRow>
        </TableBody>
      </WholeWordTable>,
    );
    const cell = getComputedStyle(screen.getByText('freshness'));
    expect(cell.wordBreak).toBe('normal');
    expect(cell.overflowWrap).toBe('break-word');
    expect(screen.getByRole('table', { name: 'SLOs' })).toBeInTheDocument();
  });

  it('scrolls sideways when wider than its card, instead of being cut off', () => {
    render(
      <WholeWordTable aria-label="Runs">
        <TableBody />
      </WholeWordTable>,
    );
    const container = screen.getByRole('table', { name: 'Runs' })
      .parentElement!;
    expect(getComputedStyle(container).overflowX).toBe('auto');
  });
});
