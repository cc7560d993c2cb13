export interface Config {
  app?: {
    signIn?: {
      /**
       * The sign-in providers the sign-in page offers, in order: `guest`
       * (development) and `github` (auth.providers.github). Default guest.
       * @visibility frontend
       */
      providers?: Array<'guest' | 'github'>;
    };
  };
}
