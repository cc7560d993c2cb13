import { renderInTestApp } from '@backstage/frontend-test-utils';
import { Paper } from '@material-ui/core';
import { render, screen } from '@testing-library/react';
import { CheckTitlesWarning } from './CheckTitlesWarning';
import {
  contrastOf,
  inAppTheme,
} from '@meshwork/plugin-data-products-react/testUtils';

describe('CheckTitlesWarning', () => {
  it('says why check titles are missing, as plain text, and nothing when they are not', () => {
    const { container, rerender } = render(
      <CheckTitlesWarning error={new Error('checks <b>unavailable</b>')} />,
    );
    expect(container.textContent).toBe(
      'Check titles could not be loaded: checks <b>unavailable</b>',
    );
    expect(container.querySelector('b')).toBeNull();
    rerender(<CheckTitlesWarning />);
    expect(container.textContent).toBe('');
  });

  describe.each(['light', 'dark'])('in the %s theme', themeId => {
    inAppTheme(themeId);

    it('says it in a red that reads (4.5:1)', async () => {
      // Shown in cards: on their paper.
      await renderInTestApp(
        <Paper>
          <CheckTitlesWarning error={new Error('checks unavailable')} />
        </Paper>,
      );
      expect(
        contrastOf(screen.getByText(/Check titles could not be loaded/)),
      ).toBeGreaterThanOrEqual(4.5);
    });
  });
});
