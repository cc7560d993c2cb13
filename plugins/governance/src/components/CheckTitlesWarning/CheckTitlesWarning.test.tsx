import { render } from '@testing-library/react';
import { CheckTitlesWarning } from './CheckTitlesWarning';

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
});
