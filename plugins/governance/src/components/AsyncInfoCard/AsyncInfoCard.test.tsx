import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { AsyncInfoCard } from './AsyncInfoCard';

describe('AsyncInfoCard', () => {
  it('renders the answer under a heading', async () => {
    await renderInTestApp(
      <AsyncInfoCard title="Checks" state={{ loading: false, value: 12 }}>
        {value => `${value} checks`}
      </AsyncInfoCard>,
    );
    expect(
      screen.getByRole('heading', { level: 2, name: 'Checks' }),
    ).toBeInTheDocument();
    expect(screen.getByText('12 checks')).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderInTestApp(
      <AsyncInfoCard title="Checks" state={{ loading: true }}>
        {() => 'never'}
      </AsyncInfoCard>,
    );
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByText('never')).not.toBeInTheDocument();
  });

  it('shows the error instead of the answer', async () => {
    await renderInTestApp(
      <AsyncInfoCard
        title="Checks"
        state={{ loading: false, error: new Error('checks unavailable') }}
      >
        {() => 'never'}
      </AsyncInfoCard>,
    );
    expect(screen.getAllByText(/checks unavailable/).length).toBeGreaterThan(0);
    expect(screen.queryByText('never')).not.toBeInTheDocument();
  });
});
