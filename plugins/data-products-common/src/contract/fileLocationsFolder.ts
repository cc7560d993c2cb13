/**
 * What makes a segment of a file location's target a glob: `( ) ! + @` only
 * as an extglob, before a parenthesis (`@(a|b)`), as minimatch reads them;
 * alone they are literal, as in `/srv/app (copy)` or `/x/@team`.
 */
const GLOB = /[*?[\]{}]|[!+@]\(/;

/**
 * The deepest folder holding every file that the `file` location targets
 * `targets` (absolute paths, as the catalog resolves them; globs allowed)
 * can name: each target's literal folders, up to its first glob segment,
 * and the folder all of them share. Undefined when there are none, or when
 * that is the filesystem's root, which bounds nothing. Shared by the
 * catalog and the CLI, so that both bound contracts alike.
 *
 * @public
 */
export function fileLocationsFolder(targets: string[]): string | undefined {
  let shared: string[] | undefined;
  for (const target of targets) {
    const segments = target.split('/');
    const glob = segments.findIndex(segment => GLOB.test(segment));
    // A literal target is a file: its folder.
    const literal = segments.slice(0, glob === -1 ? segments.length - 1 : glob);
    if (!shared) {
      shared = literal;
      continue;
    }
    let common = 0;
    while (common < shared.length && shared[common] === literal[common]) {
      common++;
    }
    shared = shared.slice(0, common);
  }
  const folder = shared?.join('/');
  return folder ? folder : undefined;
}
