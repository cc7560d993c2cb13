import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { RunStateChip } from './RunStateChip';

describe('RunStateChip', () => {
  it.each([
    ['FAIL', 'fail', 'error'],
    ['ABORT', 'abort', 'error'],
    ['COMPLETE', 'complete', 'ok'],
    ['RUNNING', 'running', 'pending'],
    ['START', 'start', 'pending'],
  ])(
    'shows %s as "%s" with the %s status light',
    async (state, label, light) => {
      await renderInTestApp(<RunStateChip state={state} />);
      const status = screen.getByLabelText(`Status ${light}`);
      expect(status).toHaveTextContent(label);
    },
  );
});
