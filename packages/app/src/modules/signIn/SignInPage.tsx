import {
  SignInPage as BackstageSignInPage,
  type SignInProviderConfig,
} from '@backstage/core-components';
import {
  configApiRef,
  githubAuthApiRef,
  type SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';

/** The providers `app.signIn.providers` may name, besides the guest. */
const PROVIDERS: Record<string, SignInProviderConfig> = {
  github: {
    id: 'github-auth-provider',
    title: 'GitHub',
    message: 'Sign in with your GitHub account',
    apiRef: githubAuthApiRef,
  },
};

/**
 * Offers the providers `app.signIn.providers` names, in order: the guest in
 * development, the organisation's own in production (whose backend has no
 * guest provider).
 */
export function SignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const names = config.getOptionalStringArray('app.signIn.providers') ?? [
    'guest',
  ];
  const providers = names.map(name => {
    if (name === 'guest') return 'guest' as const;
    const provider = PROVIDERS[name];
    if (!provider) {
      throw new Error(
        `app.signIn.providers: unknown provider ${JSON.stringify(
          name,
        )}, expected guest or ${Object.keys(PROVIDERS).join(', ')}`,
      );
    }
    return provider;
  });
  return <BackstageSignInPage {...props} providers={providers} />;
}
