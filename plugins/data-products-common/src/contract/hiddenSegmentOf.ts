/**
 * The first hidden segment (`.env`, `.git`) of a `/`-separated path, if
 * any: `.` and `..` are not hidden. Git-ignored secrets (`.env`) and git's
 * own files (`.git/config`, which may hold a remote URL with a token) are
 * hidden, and no contract needs to be. Shared by the catalog and the CLI,
 * so that both refuse alike.
 *
 * @public
 */
export function hiddenSegmentOf(relativePath: string): string | undefined {
  return relativePath
    .split(/[\\/]/)
    .find(
      segment => segment.startsWith('.') && segment !== '.' && segment !== '..',
    );
}
