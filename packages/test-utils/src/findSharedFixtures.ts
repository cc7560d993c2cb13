import fs from 'fs';
import path from 'path';

/** `../shared/fixtures`, beside the repository, where CI puts it. */
// eslint-disable-next-line no-restricted-syntax -- tests run from the source tree, never a build
const SHARED_FIXTURES = path.resolve(__dirname, '../../../../shared/fixtures');

/**
 * The folder of the shared conformance fixtures named `name` (`openlineage`,
 * `odcs`), or undefined with a notice when `../shared` is not checked out.
 * With MESHWORK_REQUIRE_FIXTURES set (as CI does) their absence fails the
 * suite instead, so a green run always means conformance was checked.
 */
export function findSharedFixtures(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  root: string = SHARED_FIXTURES,
): string | undefined {
  const dir = path.join(root, name);
  if (fs.existsSync(dir)) {
    return dir;
  }
  if (env.MESHWORK_REQUIRE_FIXTURES) {
    throw new Error(
      `The ${name} conformance tests cannot run: ${dir} is absent, and MESHWORK_REQUIRE_FIXTURES forbids skipping them`,
    );
  }
  // eslint-disable-next-line no-console
  console.warn(`Skipping the ${name} conformance tests: ${dir} is absent`);
  return undefined;
}
