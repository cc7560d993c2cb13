import type { Document } from 'yaml';
import { unusableExpansion } from '@meshwork/plugin-data-products-common';

/**
 * The value of a YAML `document` parsed from `text`, or why it has none, as
 * `is not valid YAML…` (the first of its errors, as the catalog reports it,
 * or an alias that cannot be resolved) or `is not usable YAML…`. As the
 * catalog reads an entity (`toJSON()`: a `%YAML 1.1` timestamp is its ISO
 * string), or with `json: false` as Backstage's config loader reads an
 * app-config (`yaml.parse`).
 */
export function yamlValueOf(
  document: Document,
  text: string,
  { json = true }: { json?: boolean } = {},
): { value: unknown } | { problem: string } {
  if (document.errors.length > 0) {
    // yaml's message ends with the position again and an excerpt.
    const [error] = document.errors;
    const at = error.linePos?.[0];
    return {
      problem: `is not valid YAML${
        at ? ` at line ${at.line}, column ${at.col}` : ''
      }: ${error.message.replace(/ at line \d+, column \d+:[^]*$/, '')}`,
    };
  }
  let value: unknown;
  try {
    // Aliases are only resolved here: one without its anchor, or too many
    // of them (an alias bomb), fails this document alone.
    value = json ? document.toJSON() : document.toJS();
  } catch (error) {
    return { problem: `is not valid YAML: ${(error as Error).message}` };
  }
  // A value containing itself would be walked without end.
  const problem = unusableExpansion(value, text);
  return problem ? { problem } : { value };
}
