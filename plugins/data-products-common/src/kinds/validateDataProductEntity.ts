import Ajv, { ErrorObject } from 'ajv';
import { makeValidator, parseEntityRef } from '@backstage/catalog-model';
import schema from './DataProduct.v1alpha1.schema.json';
import { describeValue } from '../contract/describeValue';
import { toPath } from '../contract/toPath';
import { checkDatasetIdentities } from './checkDatasetIdentities';
import { checkDeclaredJobs } from './declaredJobs';
import { deprecationOf } from './deprecationOf';
import { parseInputPortRef } from './parseInputPortRef';
import { runbookLinkIndex } from './runbookOf';
import { someOf } from './someOf';
import { sunsetDay } from './sunsetDay';

/** One thing wrong with an entity: where (a field path) and what was expected. */
export interface ValidationIssue {
  /** Dot path into the entity, e.g. `spec.outputPorts[0].dataset.name`. */
  path: string;
  message: string;
}

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const validateSchema = ajv.compile(schema);

/**
 * Ports validated in one call: ajv joins each invalid port's errors to all
 * those found before it, in time quadratic in their count (150,000 took
 * minutes, blocking the catalog's processing). Past these, each port is
 * validated alone, by its definition.
 */
const PORTS_PER_CALL = 100;
const validatePort = {
  outputPorts: definitionValidator('outputPort'),
  inputPorts: definitionValidator('inputPort'),
};

function definitionValidator(name: string) {
  const validate = ajv.getSchema(`${schema.$id}#/definitions/${name}`);
  if (!validate) {
    throw new Error(`The DataProduct schema has no ${name} definition`);
  }
  return validate;
}
const backstageNames = makeValidator();

const ISO_DATE_HINT = 'a date written YYYY-MM-DD, like 2027-03-31';

/** Wording for values whose pattern alone would not tell a person what to write. */
const PATTERN_HINTS: Array<[RegExp, string]> = [
  [
    /definitions\/duration/,
    // Six digits at most: a longer one overflowed the times measured back
    // from now, and one product's failed every product's SLO status.
    'a duration longer than zero, like 30m, 2h, 7d or 1w, of at most six digits',
  ],
  [/definitions\/percentage/, 'a percentage between 0% and 100%, like 99.5%'],
  [
    /definitions\/portName/,
    'lowercase letters and digits, words joined by one dash or underscore, like order-lines',
  ],
  [/properties\/version/, 'a semantic version like 2.1.0'],
  [
    /properties\/from/,
    "another product's output port, like dataproduct:default/orders#orders",
  ],
  [
    /definitions\/deprecation\/properties\/successor/,
    'another product, like dataproduct:default/orders',
  ],
  [/definitions\/deprecation\/properties\/sunset/, ISO_DATE_HINT],
];

function fromAjvError(error: ErrorObject): ValidationIssue {
  const path = toPath(error.instancePath);
  switch (error.keyword) {
    case 'required':
      return {
        path: toPath(error.instancePath, error.params.missingProperty),
        message: 'is required',
      };
    case 'additionalProperties':
      return {
        path: toPath(error.instancePath, error.params.additionalProperty),
        message: 'is not a known field',
      };
    case 'enum':
      return {
        path,
        message: `must be one of ${error.params.allowedValues
          .map((v: unknown) => JSON.stringify(v))
          .join(', ')} (got ${describeValue(error.data)})`,
      };
    case 'pattern': {
      const hint = PATTERN_HINTS.find(([re]) => re.test(error.schemaPath));
      return {
        path,
        message: `must be ${
          hint ? hint[1] : `text matching ${error.params.pattern}`
        } (got ${describeValue(error.data)})`,
      };
    }
    case 'type':
      return {
        path,
        message: `must be ${
          ['object', 'array', 'integer'].includes(error.params.type)
            ? `an ${error.params.type}`
            : `a ${error.params.type}`
        } (got ${describeValue(error.data)})`,
      };
    default:
      return {
        path,
        message: `${error.message} (got ${describeValue(error.data)})`,
      };
  }
}

const INPUT_PORT = /^\/spec\/inputPorts\/\d+$/;

const FROM = new RegExp(schema.definitions.inputPort.properties.from.pattern);

/**
 * The port an input port's `from` names, when only its case is wrong: output
 * port names are lowercase and matched as written, so `…#Out` would find no
 * port, while the kind, namespace and name before it are read in any case.
 */
function lowercasePortOf(from: unknown): string | undefined {
  if (typeof from !== 'string') return undefined;
  const hash = from.lastIndexOf('#');
  const port = from.slice(hash + 1);
  const lower = port.toLowerCase();
  return hash >= 0 &&
    lower !== port &&
    FROM.test(`${from.slice(0, hash + 1)}${lower}`)
    ? lower
    : undefined;
}

/** The errors ajv reports for each failed branch of an input port's from/dataset choice. */
function isInputPortChoiceNoise(error: ErrorObject): boolean {
  if (!INPUT_PORT.test(error.instancePath)) {
    return false;
  }
  return (
    error.keyword === 'not' ||
    (error.keyword === 'required' &&
      ['from', 'dataset'].includes(error.params.missingProperty))
  );
}

const PORT_CONTRACT = /^\/spec\/outputPorts\/\d+\/contract$/;

/**
 * The errors ajv reports for each failed branch of a contract's path/inline
 * choice: each names one branch only, so alone they contradict each other.
 */
function isContractChoiceNoise(error: ErrorObject): boolean {
  return error.keyword !== 'oneOf' && PORT_CONTRACT.test(error.instancePath);
}

/** Turns ajv's errors into one issue per mistake, in words a person can act on. */
function toIssues(errors: ErrorObject[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    if (isInputPortChoiceNoise(error) || isContractChoiceNoise(error)) {
      continue;
    }
    if (error.keyword === 'oneOf' && INPUT_PORT.test(error.instancePath)) {
      issues.push({
        path: toPath(error.instancePath),
        message:
          "needs exactly one of 'from' (another product's output port) or 'dataset' (a dataset outside the mesh)",
      });
    } else if (
      error.keyword === 'oneOf' &&
      PORT_CONTRACT.test(error.instancePath)
    ) {
      issues.push({
        path: toPath(error.instancePath),
        message: `must be a path to an ODCS file or an inline contract (got ${describeValue(
          error.data,
        )})`,
      });
    } else if (
      error.keyword === 'minProperties' &&
      error.instancePath === '/spec/deprecation'
    ) {
      issues.push({
        path: 'spec.deprecation',
        message:
          "needs at least one of 'successor', 'sunset' or 'reason' (got {})",
      });
    } else if (error.keyword === 'anyOf') {
      issues.push({
        path: toPath(error.instancePath),
        message: "needs 'max' or 'min'",
      });
    } else if (
      error.keyword === 'required' &&
      /\/quality\/\d+$/.test(error.instancePath) &&
      ['max', 'min'].includes(error.params.missingProperty)
    ) {
      continue;
    } else if (
      error.keyword === 'if' &&
      /\/quality\/\d+$/.test(error.instancePath)
    ) {
      // Said by the 'required' error of its 'then'.
      continue;
    } else if (
      error.keyword === 'required' &&
      /\/quality\/\d+$/.test(error.instancePath) &&
      error.params.missingProperty === 'column'
    ) {
      const metric = String((error.data as { metric?: unknown })?.metric);
      issues.push({
        path: toPath(error.instancePath, 'column'),
        message: `is required for ${metric}: the column whose ${metric} is measured (only rowCount, of the whole table, takes none)`,
      });
    } else if (
      error.keyword === 'pattern' &&
      /^\/spec\/inputPorts\/\d+\/from$/.test(error.instancePath) &&
      lowercasePortOf(error.data) !== undefined
    ) {
      issues.push({
        path: toPath(error.instancePath),
        message: `must name the port after # in lowercase letters, digits, - or _, as output ports are named: ${JSON.stringify(
          lowercasePortOf(error.data),
        )} (got ${describeValue(error.data)})`,
      });
    } else if (
      error.keyword === 'not' &&
      /\/quality\/\d+$/.test(error.instancePath)
    ) {
      // A column on rowCount would suggest a count of that column's values.
      const column = (error.data as { column?: unknown })?.column;
      issues.push({
        path: toPath(error.instancePath, 'column'),
        message: `is not taken by rowCount: it counts the rows of the whole table, so it names no column (got ${describeValue(
          column,
        )})`,
      });
    } else {
      issues.push(fromAjvError(error));
    }
  }
  return issues;
}

/**
 * Each name given more than once, with the index of its last use; in one
 * pass, as a product may list ports by the thousand.
 */
function repeatedNames(names: Array<string | undefined>): Map<string, number> {
  const lastIndex = new Map<string, number>();
  const repeated = new Set<string>();
  names.forEach((name, index) => {
    if (name === undefined) return;
    if (lastIndex.has(name)) repeated.add(name);
    lastIndex.set(name, index);
  });
  return new Map([...repeated].map(name => [name, lastIndex.get(name)!]));
}

/**
 * Metrics lineage measures as a share of rows, 0 to 1: a bound of 5 meant
 * as 5% would never be breached.
 */
const FRACTION_METRICS = new Set(['nullRate', 'duplicateRate']);

/** Rules a JSON schema cannot express. */
function checkSemantics(entity: any): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const spec = entity.spec ?? {};
  const name = entity.metadata?.name;
  if (typeof name === 'string' && !backstageNames.isValidEntityName(name)) {
    issues.push({
      path: 'metadata.name',
      message: `must be 1-63 letters, digits, dashes, dots or underscores, starting and ending with a letter or digit (got ${JSON.stringify(
        name,
      )})`,
    });
  }
  // A domain's owner may manage its products' exemptions: a product whose
  // "domain" were some other entity its team owns would exempt itself.
  for (const [field, defaultKind, kinds, example] of [
    ['owner', 'group', ['group', 'user'], 'group:sales-data, or sales-data'],
    ['domain', 'domain', ['domain'], 'domain:sales, or sales'],
  ] as const) {
    const ref = spec[field];
    if (typeof ref !== 'string' || ref === '') continue;
    let kind: string;
    try {
      ({ kind } = parseEntityRef(ref, {
        defaultKind,
        defaultNamespace: 'default',
      }));
    } catch {
      issues.push({
        path: `spec.${field}`,
        message: `must be an entity ref like ${example} (got ${JSON.stringify(
          ref,
        )})`,
      });
      continue;
    }
    if (
      !(kinds as readonly string[]).includes(kind.toLocaleLowerCase('en-US'))
    ) {
      issues.push({
        path: `spec.${field}`,
        message: `must name a ${kinds
          .map(k => k[0].toUpperCase() + k.slice(1))
          .join(' or ')}, like ${example} (got ${JSON.stringify(ref)})`,
      });
    }
  }
  // The schema check reports lists of the wrong shape.
  const listOf = (value: unknown): any[] => (Array.isArray(value) ? value : []);
  for (const [field, ports] of [
    ['outputPorts', spec.outputPorts],
    ['inputPorts', spec.inputPorts],
  ] as const) {
    if (!Array.isArray(ports)) continue;
    const names = ports.map((p: any) =>
      typeof p?.name === 'string' ? p.name : undefined,
    );
    for (const [dup, index] of repeatedNames(names)) {
      issues.push({
        path: `spec.${field}[${index}].name`,
        message: `must be unique within the product; ${JSON.stringify(
          dup,
        )} is used more than once`,
      });
    }
  }
  const namespace = String(entity.metadata?.namespace ?? 'default');
  listOf(spec.inputPorts).forEach((port: any, index: number) => {
    if (
      typeof port?.from === 'string' &&
      parseInputPortRef(port.from, namespace)?.productRef ===
        `dataproduct:${namespace.toLowerCase()}/${String(name).toLowerCase()}`
    ) {
      issues.push({
        path: `spec.inputPorts[${index}].from`,
        message:
          'must name another product; a product cannot consume its own output port',
      });
    }
  });
  issues.push(...checkDeprecation(entity));
  const portNames: string[] = listOf(spec.outputPorts)
    .map((p: any) => p?.name)
    .filter((n: unknown) => typeof n === 'string');
  const knownPorts = new Set(portNames);
  listOf(spec.slos?.quality).forEach((rule: any, index: number) => {
    if (
      Array.isArray(spec.outputPorts) &&
      typeof rule?.port === 'string' &&
      !knownPorts.has(rule.port)
    ) {
      issues.push({
        path: `spec.slos.quality[${index}].port`,
        message: `must name one of the product's output ports (${someOf(
          portNames,
          portName => JSON.stringify(portName),
        )}), got ${JSON.stringify(rule.port)}`,
      });
    }
    const path = `spec.slos.quality[${index}]`;
    if (FRACTION_METRICS.has(rule?.metric)) {
      for (const bound of ['min', 'max'] as const) {
        if (typeof rule[bound] === 'number' && rule[bound] > 1) {
          issues.push({
            path: `${path}.${bound}`,
            message: `must be a fraction from 0 to 1 for ${rule.metric} (got ${rule[bound]})`,
          });
        }
      }
    }
    if (
      typeof rule?.min === 'number' &&
      typeof rule?.max === 'number' &&
      rule.min > rule.max
    ) {
      issues.push({
        path: `${path}.min`,
        message: `must not exceed max (${rule.min} > ${rule.max})`,
      });
    }
  });
  const volume = spec.slos?.volume;
  if (
    typeof volume?.minRatio === 'number' &&
    typeof volume?.maxRatio === 'number' &&
    volume.minRatio > volume.maxRatio
  ) {
    issues.push({
      path: 'spec.slos.volume.minRatio',
      message: `must not exceed maxRatio (${volume.minRatio} > ${volume.maxRatio})`,
    });
  }
  issues.push(...checkDatasetIdentities(spec));
  issues.push(...checkDeclaredJobs(entity.metadata));
  // A blank contact would be shown to on-call as the one to page, in place
  // of the owning team's.
  const contact = spec.support?.oncall?.contact;
  if (typeof contact === 'string' && contact !== '' && contact.trim() === '') {
    issues.push({
      path: 'spec.support.oncall.contact',
      message: `must name who to page, like #orders-oncall or a schedule's email (got ${JSON.stringify(
        contact,
      )})`,
    });
  }
  // On-call opens the runbook as a link: the one runbookOf picks, from
  // spec.support (read with its `??`, so a null one is passed over) or
  // else from the links.
  const links: unknown[] = Array.isArray(entity.metadata?.links)
    ? entity.metadata.links
    : [];
  const ownRunbook = spec.support?.runbook ?? undefined;
  const linkIndex = runbookLinkIndex(links);
  const [path, runbook] =
    ownRunbook !== undefined || linkIndex < 0
      ? ['spec.support.runbook', ownRunbook]
      : [`metadata.links[${linkIndex}].url`, (links[linkIndex] as any).url];
  if (typeof runbook === 'string' && !/^https?:\/\/[^\s/]+/i.test(runbook)) {
    issues.push({
      path,
      message: `must be an http(s) URL, as the runbook on-call opens (got ${JSON.stringify(
        runbook,
      )})`,
    });
  }
  links.forEach((link: any, index) => {
    const linkPath = `metadata.links[${index}].url`;
    if (linkPath !== path && isScriptUrl(link?.url)) {
      issues.push({
        path: linkPath,
        message: `must not be a script URL, as the product's page shows its links (got ${JSON.stringify(
          link.url,
        )})`,
      });
    }
  });
  return issues;
}

/** The rules of `spec.deprecation` beyond its shape. */
function checkDeprecation(entity: any): ValidationIssue[] {
  const spec = entity.spec ?? {};
  if (spec.deprecation === undefined) {
    return [];
  }
  const issues: ValidationIssue[] = [];
  if (spec.lifecycle !== 'deprecated') {
    issues.push({
      path: 'spec.deprecation',
      message: `is only allowed on a deprecated product: spec.lifecycle must be "deprecated" (got ${describeValue(
        spec.lifecycle,
      )})`,
    });
  }
  const { name, namespace = 'default' } = entity.metadata ?? {};
  if (
    typeof name === 'string' &&
    deprecationOf(entity)?.successorRef ===
      `dataproduct:${namespace}/${name}`.toLocaleLowerCase('en-US')
  ) {
    issues.push({
      path: 'spec.deprecation.successor',
      message: 'must name another product; a product cannot succeed itself',
    });
  }
  // The pattern lets through days no calendar has, like 2027-02-30.
  const sunset = spec.deprecation?.sunset;
  if (
    typeof sunset === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(sunset) &&
    sunsetDay(sunset) === undefined
  ) {
    issues.push({
      path: 'spec.deprecation.sunset',
      message: `must be ${ISO_DATE_HINT} (got ${JSON.stringify(sunset)})`,
    });
  }
  return issues;
}

/**
 * Whether a link runs script where it is opened; browsers read its scheme
 * past spaces and control characters, and in any case.
 */
function isScriptUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  const compact = [...url].filter(char => char > ' ').join('');
  return /^(javascript|vbscript|data):/i.test(compact);
}

/**
 * Every structural and semantic problem of a DataProduct entity, each with
 * its field path. Empty when the entity is valid. References to other
 * entities (owner, domain, upstream products) are checked where the catalog
 * or the other files are at hand, not here.
 */
export function validateDataProductEntity(entity: unknown): ValidationIssue[] {
  if (typeof entity !== 'object' || entity === null || Array.isArray(entity)) {
    return [
      { path: '', message: `must be an object (got ${describeValue(entity)})` },
    ];
  }
  return [...toIssues(schemaErrors(entity)), ...checkSemantics(entity)];
}

/** The schema's errors, each port past the first hundred judged alone. */
function schemaErrors(entity: object): ErrorObject[] {
  const spec: unknown = (entity as { spec?: unknown }).spec;
  const portsOf = (list: keyof typeof validatePort) => {
    const ports: unknown = (spec as Record<string, unknown> | undefined)?.[
      list
    ];
    return Array.isArray(ports) ? ports : [];
  };
  const lists = (['outputPorts', 'inputPorts'] as const).filter(
    list => portsOf(list).length > PORTS_PER_CALL,
  );
  if (lists.length === 0) {
    return validateSchema(entity) ? [] : validateSchema.errors ?? [];
  }
  const cut = { ...(spec as Record<string, unknown>) };
  lists.forEach(list => (cut[list] = portsOf(list).slice(0, PORTS_PER_CALL)));
  const errors = validateSchema({ ...entity, spec: cut })
    ? []
    : [...(validateSchema.errors ?? [])];
  for (const list of lists) {
    const validate = validatePort[list];
    portsOf(list).forEach((port, index) => {
      if (index < PORTS_PER_CALL || validate(port)) return;
      for (const error of validate.errors ?? []) {
        errors.push({
          ...error,
          instancePath: `/spec/${list}/${index}${error.instancePath}`,
        });
      }
    });
  }
  return errors;
}
