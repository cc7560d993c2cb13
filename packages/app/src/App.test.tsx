import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the configured app at its sign-in page', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // The app's own title from config, over the guest sign-in page (the
    // browser tests sign in and walk the plugins' pages).
    expect(
      await screen.findByRole('heading', { name: 'Test' }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
  });
});
