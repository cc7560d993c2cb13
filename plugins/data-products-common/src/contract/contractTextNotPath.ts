/**
 * Why a port's `contract`, written as a string, is no path the catalog can
 * read, undefined if it may be one: a string of several lines is a
 * contract's text, as a `$text` placeholder gives it, which as a path would
 * be named whole in the error.
 */
export function contractTextNotPath(contract: string): string | undefined {
  return contract.includes('\n')
    ? "contract is several lines of text, not a path (a $text placeholder gives its file's text): give the path itself (contract: ../contracts/orders.odcs.yaml) or read the file as YAML ({ $yaml: ../contracts/orders.odcs.yaml })"
    : undefined;
}
