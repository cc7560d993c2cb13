import { minimatch } from 'minimatch';
import path from 'path';

/** One of `catalog.rules` in an app-config, as Backstage's catalog reads it. */
export type CatalogRule = {
  allow: Array<string | { kind: string }>;
  locations?: Array<{ type: string; pattern?: string; exact?: string }>;
};

/**
 * The `catalog.rules` of a parsed app-config, with the rules its
 * `catalog.locations` give their own locations; undefined when it sets no
 * `catalog.rules`. A location's rules apply to what was read through it,
 * which a file on disk cannot tell: they count as allowing their kinds
 * anywhere.
 */
export function catalogRulesOf(config: unknown): CatalogRule[] | undefined {
  const catalog = (
    config as { catalog?: { rules?: unknown; locations?: unknown } } | null
  )?.catalog;
  if (!Array.isArray(catalog?.rules)) return undefined;
  const locationRules = Array.isArray(catalog.locations)
    ? catalog.locations.flatMap(
        (location: { rules?: unknown }) =>
          (Array.isArray(location?.rules)
            ? location.rules
            : []) as CatalogRule[],
      )
    : [];
  return [
    ...(catalog.rules as CatalogRule[]),
    ...locationRules.map(({ allow }) => ({ allow })),
  ];
}

/**
 * Why the catalog would refuse an entity of `kind` read from `file` under
 * `rules`, undefined if it would not (or cannot be told here). A rule allows
 * a kind from any location, or from those its matchers name: a file
 * matcher is judged against the file's path; any other (a `url` pattern)
 * cannot be told from a file on disk, and counts as allowing it.
 */
export function kindRefusedAt(
  rules: CatalogRule[] | undefined,
  kind: string,
  file: string,
): string | undefined {
  if (!rules) return undefined;
  const allowing = rules.filter(rule =>
    rule.allow.some(
      allowed =>
        (typeof allowed === 'string'
          ? allowed
          : allowed?.kind
        )?.toLowerCase() === kind.toLowerCase(),
    ),
  );
  const target = path.resolve(file);
  const allowed = allowing.some(
    ({ locations }) =>
      !locations ||
      locations.some(matcher => {
        if (matcher.type !== 'file') return true;
        if (matcher.exact) return path.resolve(matcher.exact) === target;
        return (
          !matcher.pattern ||
          minimatch(target, matcher.pattern, { nocase: true, dot: true })
        );
      }),
  );
  if (allowed) return undefined;
  const from = allowing.flatMap(({ locations }) =>
    (locations ?? []).map(m => m.pattern ?? m.exact),
  );
  return `kind: the catalog's rules (catalog.rules) allow kind ${kind} ${
    from.length
      ? `only from ${from.map(f => JSON.stringify(f)).join(', ')}`
      : 'from no location'
  }: it refuses this file's location whole`;
}
