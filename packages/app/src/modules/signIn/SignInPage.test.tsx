import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { SignInPage } from './SignInPage';

/** What the sign-in page reads besides its providers. */
const page = (app: object = {}) => ({
  app: { title: 'Meshwork', ...app },
  backend: { baseUrl: 'http://localhost:7007' },
});

describe('SignInPage', () => {
  it('offers GitHub where app.signIn.providers names it, and no guest', async () => {
    await renderInTestApp(<SignInPage onSignInSuccess={jest.fn()} />, {
      config: page({ signIn: { providers: ['github'] } }),
    });
    expect(await screen.findByText('GitHub')).toBeInTheDocument();
    expect(
      screen.getByText('Sign in with your GitHub account'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
  });

  it('offers the guest when nothing is configured', async () => {
    await renderInTestApp(<SignInPage onSignInSuccess={jest.fn()} />, {
      config: page(),
    });
    expect(await screen.findByText('Guest')).toBeInTheDocument();
    expect(screen.queryByText('GitHub')).not.toBeInTheDocument();
  });
});
