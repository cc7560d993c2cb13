import { CORE_SCHEMA, load, Type, YAMLException } from 'js-yaml';
import type { ContractError } from './ContractError';

/**
 * YAML read into a value expands to at most this many values, or one per
 * character of its text if more: without aliases no text holds more values
 * than characters, so only aliases reach the limit. Aliases let a small file
 * expand exponentially ("billion laughs"); YAML readers share aliased values
 * rather than copying them, so the blow-up would only happen later, when the
 * value is serialized (a contract into the catalog, say).
 */
const MAX_VALUES = 100_000;

/**
 * Why `document`, read from the YAML `text`, cannot be used, if it cannot:
 * an alias to its own ancestor makes a value that contains itself, which a
 * walk of it (validation, serialization) follows without end, or aliases
 * expand it too far. Walked with a stack of its own: a chain of aliases
 * nests deeper than the call stack.
 */
export function unusableExpansion(
  document: unknown,
  text: string,
): string | undefined {
  const maxValues = Math.max(MAX_VALUES, text.length);
  let left = maxValues;
  const ancestors = new Set<object>();
  // A value to count, or the end of an object's children (`leave`).
  const stack: Array<{ value: unknown } | { leave: object }> = [
    { value: document },
  ];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('leave' in item) {
      ancestors.delete(item.leave);
      continue;
    }
    if (--left < 0) {
      return `is not usable YAML: its aliases expand it to more than ${maxValues} values`;
    }
    const value = item.value;
    if (!value || typeof value !== 'object') continue;
    if (ancestors.has(value)) {
      return 'is not usable YAML: an alias refers to a value that contains it';
    }
    ancestors.add(value);
    stack.push({ leave: value });
    for (const child of Object.values(value)) stack.push({ value: child });
  }
  return undefined;
}

/**
 * Reads the YAML (or JSON) text of a contract file: one document, with line
 * and column for syntax errors. js-yaml rather than the `yaml` package: it is
 * about ten times faster, which matters when the catalog reads thousands.
 * YAML 1.2's core schema, whose scalars the `yaml` package reads alike in
 * a contract inline in its product: js-yaml's default would make
 * `dateIn: 2021-03-01` a date, which ODCS's schema refuses as not text.
 * Unlike inline contracts, which Backstage parses without merge keys, a
 * file keeps its merge keys (`<<: *column`), as it did before.
 */
const CONTRACT_SCHEMA = CORE_SCHEMA.extend({
  // YAML's merge key type: the key `<<` (the typings leave js-yaml's out).
  implicit: [
    new Type('tag:yaml.org,2002:merge', {
      kind: 'scalar',
      resolve: (key: unknown) => key === '<<' || key === null,
    }),
  ],
});

export function readContractYaml(text: string): {
  document?: unknown;
  errors: ContractError[];
} {
  let document: unknown;
  try {
    document = load(text, { schema: CONTRACT_SCHEMA });
  } catch (error) {
    if (!(error instanceof YAMLException)) {
      throw error;
    }
    const where = error.mark
      ? ` at line ${error.mark.line + 1}, column ${error.mark.column + 1}`
      : '';
    const what = /expected a single document/.test(error.reason)
      ? 'it holds more than one document, a contract file must hold exactly one'
      : error.reason;
    return {
      errors: [{ path: '', message: `is not valid YAML${where}: ${what}` }],
    };
  }
  const unusable = unusableExpansion(document, text);
  if (unusable) return { errors: [{ path: '', message: unusable }] };
  return { document, errors: [] };
}
