/**
 * Config substitution that refuses unset variables. Backstage's default
 * quietly drops a key whose `${VAR}` is unset, which for a database host
 * means connecting to localhost instead of failing. Meshwork's config files
 * therefore do not use the `${VAR:-fallback}` form.
 */
export function strictEnvironmentSubstitution(env: NodeJS.ProcessEnv) {
  return async (name: string) => {
    const value = env[name];
    if (value === undefined) {
      throw new Error(
        `Environment variable ${name} is not set, but the configuration requires it`,
      );
    }
    return value.trim();
  };
}
