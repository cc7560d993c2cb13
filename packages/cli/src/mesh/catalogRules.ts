import type { Entity } from '@backstage/catalog-model';
import { minimatch } from 'minimatch';
import path from 'path';
import {
  CatalogFileLocations,
  catalogFileLocationsOf,
} from './catalogFileLocations';
import type { AppConfig } from './readAppConfig';

/** What a rule allows: a kind, of one `spec.type` when it names one. */
type KindMatcher = { kind: string; 'spec.type'?: string };

/** One of `catalog.rules` in an app-config, as Backstage's catalog reads it. */
export type CatalogRule = {
  allow: KindMatcher[];
  locations?: Array<{ type: string; pattern?: string; exact?: string }>;
};

/** The rules the catalog enforces, and how an error names them. */
export interface CatalogRules {
  rules: CatalogRule[];
  source: string;
  /** Its `catalog.locations` of type `file`, which say what it reads. */
  fileLocations?: CatalogFileLocations;
}

/**
 * Backstage's own when an app-config sets no `catalog.rules`
 * (DefaultCatalogRulesEnforcer.defaultRules).
 */
const DEFAULT_RULES: CatalogRule[] = [
  { allow: ['Component', 'API', 'Location'].map(kind => ({ kind })) },
];

/** An app-config mistake, which stops Backstage's catalog from starting. */
function invalid(file: string, field: string, expected: string, got: unknown) {
  return new Error(
    `--config ${file}: ${field}: expected ${expected} (got ${JSON.stringify(
      got,
    )})`,
  );
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** A rule's `allow`, as Backstage parses it; `kindsOnly` for a location's own. */
function allowOf(
  allow: unknown,
  field: string,
  file: string,
  kindsOnly = false,
): KindMatcher[] {
  const one = kindsOnly ? 'a kind' : "a kind or { kind, 'spec.type' }";
  if (!Array.isArray(allow)) {
    throw invalid(file, field, `a list, each ${one}`, allow);
  }
  return allow.map((matcher, i) => {
    if (isString(matcher)) return { kind: matcher };
    const { kind, 'spec.type': type } = (matcher ?? {}) as Record<
      string,
      unknown
    >;
    if (
      kindsOnly ||
      !isString(kind) ||
      !(type === undefined || isString(type))
    ) {
      throw invalid(file, `${field}[${i}]`, one, matcher);
    }
    return type === undefined ? { kind } : { kind, 'spec.type': type };
  });
}

/** A rule's `locations`, as Backstage parses them. */
function locationsOf(
  locations: unknown,
  field: string,
  file: string,
): CatalogRule['locations'] {
  if (locations === undefined || locations === null) return undefined;
  const one =
    '{ type, pattern } or { type, exact }, e.g. { type: url, pattern: https://github.com/acme/org/blob/* }';
  if (!Array.isArray(locations)) {
    throw invalid(file, field, `a list, each ${one}`, locations);
  }
  return locations.map((location, i) => {
    const { type, pattern, exact } = (location ?? {}) as Record<
      string,
      unknown
    >;
    if (
      !isString(type) ||
      !(pattern === undefined || isString(pattern)) ||
      !(exact === undefined || isString(exact)) ||
      (pattern !== undefined && exact !== undefined)
    ) {
      throw invalid(file, `${field}[${i}]`, one, location);
    }
    return { type, pattern, exact };
  });
}

/**
 * The rules Backstage's catalog enforces under the app-config `config`
 * (DefaultCatalogRulesEnforcer.fromConfig): its `catalog.rules`, else
 * Backstage's defaults, which allow only Component, API and Location; and
 * the rules its `catalog.locations` give their own locations. Undefined
 * without an app-config: the platform's rules are unknown. A location's
 * rules apply to what was read through it, which a file on disk cannot
 * tell: they count as allowing their kinds anywhere.
 */
export function catalogRulesOf(
  config: AppConfig | undefined,
): CatalogRules | undefined {
  if (config === undefined) return undefined;
  const { value: given, file } = config.read('catalog.rules');
  if (!(given === undefined || Array.isArray(given))) {
    throw invalid(file, 'catalog.rules', 'a list of rules', given);
  }
  const rules: CatalogRule[] = given
    ? given.map((rule, i) => ({
        allow: allowOf(rule?.allow, `catalog.rules[${i}].allow`, file),
        locations: locationsOf(
          rule?.locations,
          `catalog.rules[${i}].locations`,
          file,
        ),
      }))
    : DEFAULT_RULES;
  const locations = config.read('catalog.locations');
  const locationRules = (
    Array.isArray(locations.value) ? locations.value : []
  ).flatMap((location, i) => {
    const own = location?.rules;
    if (own === undefined || own === null) return [];
    const field = `catalog.locations[${i}].rules`;
    if (!Array.isArray(own)) {
      throw invalid(locations.file, field, 'a list of rules', own);
    }
    return own.map((rule, j) => ({
      allow: allowOf(rule?.allow, `${field}[${j}].allow`, locations.file, true),
    }));
  });
  return {
    rules: [...rules, ...locationRules],
    source: given
      ? "the catalog's rules (catalog.rules)"
      : `Backstage's default catalog rules (${config.files.join(', ')} set${
          config.files.length === 1 ? 's' : ''
        } no catalog.rules)`,
    fileLocations: catalogFileLocationsOf(config),
  };
}

/** Whether `matcher` allows `entity`: kind and `spec.type` case-insensitive. */
function allows(matcher: KindMatcher, entity: Entity, byType = true) {
  if (matcher.kind.toLowerCase() !== entity.kind.toLowerCase()) return false;
  const type = matcher['spec.type'];
  return (
    !byType ||
    !type ||
    (typeof entity.spec?.type === 'string' &&
      type.toLowerCase() === entity.spec.type.toLowerCase())
  );
}

/**
 * Why the catalog would refuse `entity` read from `file` under `rules`,
 * undefined if it would not (or cannot be told here). A rule allows its
 * kinds (of a `spec.type`, when it names one) from any location, or from
 * those its matchers name: a file matcher is judged against the file's
 * path; any other (a `url` pattern) cannot be told from a file on disk,
 * and counts as allowing it.
 */
export function kindRefusedAt(
  rules: CatalogRules | undefined,
  entity: Entity,
  file: string,
): string | undefined {
  if (!rules) return undefined;
  const target = path.resolve(file);
  const fromHere = ({ locations }: CatalogRule) =>
    !locations ||
    locations.some(matcher => {
      if (matcher.type !== 'file') return true;
      if (matcher.exact) return path.resolve(matcher.exact) === target;
      return (
        !matcher.pattern ||
        minimatch(target, matcher.pattern, { nocase: true, dot: true })
      );
    });
  const allowing = rules.rules.filter(rule =>
    rule.allow.some(matcher => allows(matcher, entity)),
  );
  if (allowing.some(fromHere)) return undefined;
  const refused = `${rules.source} allow kind ${entity.kind}`;
  const whole = "it refuses this file's location whole";
  if (allowing.length > 0) {
    const from = allowing.flatMap(({ locations }) =>
      (locations ?? []).map(m => JSON.stringify(m.pattern ?? m.exact)),
    );
    return `kind: ${refused} ${
      from.length ? `only from ${from.join(', ')}` : 'from no location'
    }: ${whole}`;
  }
  const types = rules.rules.flatMap(rule =>
    rule.allow
      .filter(matcher => allows(matcher, entity, false))
      .map(matcher => JSON.stringify(matcher['spec.type'])),
  );
  if (types.length > 0) {
    return `spec.type: ${refused} only of spec.type ${types.join(', ')} (got ${
      JSON.stringify(entity.spec?.type) ?? 'nothing'
    }): ${whole}`;
  }
  const kinds = [
    ...new Set(rules.rules.flatMap(rule => rule.allow.map(m => m.kind))),
  ];
  return `kind: ${refused} from no location (expected one of ${kinds.join(
    ', ',
  )}): ${whole}`;
}
