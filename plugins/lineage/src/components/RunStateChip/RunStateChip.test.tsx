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
      await renderInTestApp(
        <table>
          <tbody>
            <tr>
              <td>
                <RunStateChip state={state} />
              </td>
            </tr>
          </tbody>
        </table>,
      );
      expect(screen.getByLabelText(`Status ${light}`)).toBeInTheDocument();
      // The words are read, not only seen: the light is hidden from
      // assistive technology, and so is all inside it.
      expect(screen.getByRole('cell', { name: label })).toBeInTheDocument();
    },
  );
});
