import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DataContract,
  datasetSchemaObject,
  type QualityRule,
  resolveOnCall,
  resolveRunbook,
  schemaFields,
  someOf,
} from '@meshwork/plugin-data-products-common';
import { schemaQualityRules } from '@meshwork/plugin-lineage-common';
import type {
  CheckContext,
  CheckOutcome,
  GovernanceCheck,
  RuntimeFinding,
} from './GovernanceCheck';

/** Inputs a message names, as someOf names ports and columns; the rest are counted. */
const MAX_LISTED_INPUTS = 10;

/** The first ten input port issues, each with its path, and how many more. */
function someInputIssues(issues: Array<{ path: string; message: string }>) {
  const listed = issues
    .slice(0, MAX_LISTED_INPUTS)
    .map(issue => `${issue.path}: ${issue.message}`);
  const rest = issues.length - listed.length;
  return rest > 0
    ? `${listed.join('; ')}; and ${rest} more`
    : listed.join('; ');
}

/** Whether the product's SLOs or any valid contract of its ports has a quality rule. */
function declaresQualityRules(
  product: CheckContext['product'],
  contracts: CheckContext['contracts'],
): boolean {
  if (product.spec.slos?.quality?.length) return true;
  return [...contracts.values()].some(contract =>
    contract?.schema.some(
      object =>
        object.quality.length > 0 ||
        schemaFields(object.properties).some(
          ({ property }) => property.quality.length > 0,
        ),
    ),
  );
}

/** A rule as a list names it: `orders: SQL rule on customer_id`. */
function describeRule(port: string, column: string, rule: QualityRule) {
  const kinds = { sql: 'SQL', custom: 'custom', text: 'text' } as const;
  const kind =
    rule.type && rule.type !== 'library'
      ? kinds[rule.type]
      : rule.metric ?? rule.rule ?? 'library';
  const engine =
    rule.type === 'custom' && rule.engine ? ` (${rule.engine})` : '';
  const name = rule.name ? ` "${rule.name}"` : '';
  return `${port}: ${kind} rule${name}${engine} on ${column}`;
}

/**
 * Why lineage has no quality rule of the product to measure: it declares
 * none, or only rules lineage cannot measure (named); undefined when it
 * declares one lineage measures.
 */
function unmeasurableQuality({
  product,
  contracts,
}: CheckContext): string | undefined {
  // Every metric of spec.slos.quality is one lineage measures.
  if (product.spec.slos?.quality?.length) return undefined;
  // The rules of the schema object lineage reads for each port's dataset.
  const declared = product.spec.outputPorts.flatMap(port => {
    const contract = contracts.get(port.name);
    const schema = contract && datasetSchemaObject(contract, port.dataset.name);
    return (schema ? schemaQualityRules(schema) : []).map(rule => ({
      port: port.name,
      ...rule,
    }));
  });
  if (declared.some(({ measured }) => measured)) return undefined;
  if (declared.length) {
    return `Quality rules of kinds lineage cannot measure (it measures bounds on null, duplicate and row counts), left to the tools that run them: ${someOf(
      declared.map(({ port, column, rule }) =>
        describeRule(port, column, rule),
      ),
    )}.`;
  }
  return declaresQualityRules(product, contracts)
    ? undefined
    : "No quality rules declared (spec.slos.quality, or quality in an output port's contract) to measure against.";
}

const capitalized = (text: string) =>
  text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);

/**
 * The owner by its title and full ref, whichever way spec.owner spells it
 * (`group:checkout-data`, `group:default/checkout-data`).
 */
const ownerName = (owner: Entity) => {
  const ref = stringifyEntityRef(owner);
  return owner.metadata.title ? `${owner.metadata.title} (${ref})` : ref;
};

const pass = (message: string): CheckOutcome => ({ status: 'pass', message });
const fail = (message: string): CheckOutcome => ({ status: 'fail', message });
/**
 * What lineage found; unknown without, saying why when the product itself
 * gives lineage nothing to measure (`unmeasurable`).
 */
const fromRuntime = (
  finding: RuntimeFinding | undefined,
  unmeasurable?: string,
): CheckOutcome =>
  finding ?? {
    status: 'unknown',
    message: unmeasurable ?? 'No lineage data for this product yet.',
  };

/** The checks Meshwork ships; policies choose which apply to which products. */
export const builtinChecks: GovernanceCheck[] = [
  {
    id: 'owner-is-group',
    title: 'Owned by a team',
    description: 'spec.owner names a Group in the catalog.',
    category: 'ownership',
    severity: 'error',
    remediation:
      'Set spec.owner to an existing Group, e.g. group:checkout-data.',
    runtime: false,
    evaluate: ({ product, owner }) =>
      owner?.kind.toLocaleLowerCase('en-US') === 'group'
        ? pass(`Owned by ${ownerName(owner)}.`)
        : fail(
            `${product.spec.owner} is ${
              owner ? `a ${owner.kind}` : 'not in the catalog'
            }, not a Group.`,
          ),
  },
  {
    id: 'team-has-oncall',
    title: 'On-call declared',
    description:
      'The product or its owning team says who to page (spec.support.oncall or the meshwork.dev/oncall-contact annotation).',
    category: 'ownership',
    severity: 'error',
    remediation:
      'Add spec.support.oncall to the product, or the meshwork.dev/oncall-contact annotation to the owning Group.',
    runtime: false,
    evaluate: ({ product, owner }) => {
      const onCall = resolveOnCall(product, owner);
      return onCall
        ? pass(`On-call: ${onCall.contact} (from the ${onCall.source}).`)
        : fail('Neither the product nor its owning team declares an on-call.');
    },
  },
  {
    id: 'runbook-present',
    title: 'Runbook',
    description:
      "spec.support.runbook or a link of type runbook, else the owning team's runbook link.",
    category: 'documentation',
    severity: 'warning',
    remediation:
      'Add spec.support.runbook with the URL of the runbook, or a link of type runbook to the owning Group.',
    runtime: false,
    evaluate: ({ product, owner }) => {
      const runbook = resolveRunbook(product, owner);
      if (!runbook) return fail('No runbook.');
      return pass(
        runbook.source === 'team'
          ? `Runbook: ${runbook.url} (from the owning team).`
          : `Runbook: ${runbook.url}.`,
      );
    },
  },
  {
    id: 'description-present',
    title: 'Description',
    description: 'metadata.description says what the product holds.',
    category: 'documentation',
    severity: 'warning',
    remediation:
      'Add metadata.description: what one row is, where the data comes from, what it is for.',
    runtime: false,
    evaluate: ({ product }) =>
      product.metadata.description?.trim()
        ? pass('Described.')
        : fail('No description.'),
  },
  {
    id: 'output-ports-have-contracts',
    title: 'Every output port has a valid contract',
    description:
      'Each output port carries an ODCS v3 contract that parses and names its columns.',
    category: 'contracts',
    severity: 'error',
    remediation:
      "Give every output port an ODCS v3 contract, a file next to the entity, whose schema objects list their columns in `properties` (a topic's too, where a schema registry holds its schema).",
    runtime: false,
    evaluate: ({ product, contracts, contractProblems }) => {
      const failing = product.spec.outputPorts.filter(
        port => !contracts.get(port.name),
      );
      // A contract valid as ODCS but naming no column: say so, not "invalid".
      const columnless = failing.flatMap(port => {
        const problem = contractProblems?.get(port.name);
        return problem ? [problem] : [];
      });
      const missing = failing
        .filter(port => !contractProblems?.has(port.name))
        .map(port => port.name);
      if (failing.length === 0) {
        const ports = product.spec.outputPorts.length;
        return pass(`${ports} port${ports === 1 ? '' : 's'} with contracts.`);
      }
      const listed = columnless.slice(0, MAX_LISTED_INPUTS);
      const rest = columnless.length - listed.length;
      return fail(
        [
          missing.length
            ? `No valid contract for: ${someOf(
                missing,
              )} (yarn meshwork validate says why).`
            : '',
          listed.length
            ? `${capitalized(listed.join('; '))}${
                rest > 0 ? `; and ${rest} more` : ''
              }.`
            : '',
        ]
          .filter(Boolean)
          .join(' '),
      );
    },
  },
  {
    id: 'pii-classified',
    title: 'Columns classified',
    description:
      'Every column of every contract, and every field within one, has a classification, so personal data is marked as such.',
    category: 'contracts',
    severity: 'error',
    remediation:
      'Set classification on each property of the contract, nested ones too (e.g. pii, internal, public).',
    runtime: false,
    evaluate: ({ contracts }) => {
      const valid = [...contracts.values()].filter(
        (contract): contract is DataContract => contract !== undefined,
      );
      if (valid.length === 0) {
        return {
          status: 'unknown',
          message: 'No valid contract to look at.',
        };
      }
      // A parent's classification does not say what a field within holds;
      // an array's items are classified by the array.
      const unclassified = valid.flatMap(contract =>
        contract.schema.flatMap(object =>
          schemaFields(object.properties)
            .filter(
              ({ path, property }) =>
                !path.endsWith('[]') && !property.classification,
            )
            .map(({ path }) => `${object.name}.${path}`),
        ),
      );
      if (unclassified.length === 0) {
        return pass(
          valid.length < contracts.size
            ? 'Every column of the ports with a valid contract is classified.'
            : 'Every column is classified.',
        );
      }
      return fail(`Unclassified columns: ${someOf(unclassified)}.`);
    },
  },
  {
    id: 'freshness-slo-declared',
    title: 'Freshness SLO declared',
    description:
      'spec.slos.freshness says how fresh consumers can expect the data.',
    category: 'reliability',
    severity: 'warning',
    remediation:
      'Add spec.slos.freshness, e.g. { maxDelay: 30m, objective: 99% }.',
    runtime: false,
    evaluate: ({ product }) =>
      product.spec.slos?.freshness
        ? pass(`Freshness: within ${product.spec.slos.freshness.maxDelay}.`)
        : fail('No freshness SLO.'),
  },
  {
    id: 'lifecycle-and-tier-set',
    title: 'Lifecycle and tier',
    description: 'spec.lifecycle and spec.tier are set.',
    category: 'documentation',
    severity: 'error',
    remediation: 'Set spec.lifecycle and spec.tier (1 is the most critical).',
    runtime: false,
    evaluate: ({ product }) =>
      product.spec.lifecycle && product.spec.tier
        ? pass(`${product.spec.lifecycle}, tier ${product.spec.tier}.`)
        : fail('spec.lifecycle or spec.tier is missing.'),
  },
  {
    id: 'input-ports-resolve',
    title: 'Input ports resolve',
    description: "Every input port names an existing product's output port.",
    category: 'contracts',
    severity: 'error',
    remediation:
      'Point each input port at dataproduct:<namespace>/<name>#<port> of an existing product, or at an external dataset.',
    runtime: false,
    evaluate: ({ inputPortIssues }) =>
      inputPortIssues.length
        ? fail(someInputIssues(inputPortIssues))
        : pass('All input ports resolve.'),
  },
  {
    id: 'freshness-within-slo',
    title: 'Fresh within its SLO',
    description:
      'Measured from lineage: the last successful write is within spec.slos.freshness.',
    category: 'reliability',
    severity: 'error',
    remediation: "Look at the product's recent runs and its runbook.",
    runtime: true,
    evaluate: ({ product, runtime }) =>
      fromRuntime(
        runtime?.freshness,
        product.spec.slos?.freshness
          ? undefined
          : 'No freshness SLO declared (spec.slos.freshness) to measure against.',
      ),
  },
  {
    id: 'volume-within-band',
    title: 'Volume within band',
    description:
      'Measured from lineage: rows written are within spec.slos.volume of the rolling average.',
    category: 'reliability',
    severity: 'warning',
    remediation: 'Compare the last runs\u2019 row counts with the source.',
    runtime: true,
    evaluate: ({ product, runtime }) =>
      fromRuntime(
        runtime?.volume,
        product.spec.slos?.volume
          ? undefined
          : 'No volume SLO declared (spec.slos.volume) to measure against.',
      ),
  },
  {
    id: 'quality-within-slo',
    title: 'Quality rules met',
    description:
      "Measured from lineage: the latest quality metrics meet spec.slos.quality and the quality rules of the output ports' contracts, and no reported quality assertion failed.",
    category: 'reliability',
    severity: 'error',
    remediation:
      "Look at the quality row of the product's SLO status and the run that reported it; fix the data or the job, or, if a rule no longer fits, change it in spec.slos.quality or the contract (with notice to consumers).",
    runtime: true,
    evaluate: context =>
      fromRuntime(context.runtime?.quality, unmeasurableQuality(context)),
  },
  {
    id: 'no-schema-drift',
    title: 'No schema drift',
    description:
      'Measured from lineage: the schema written matches the contract.',
    category: 'contracts',
    severity: 'error',
    remediation:
      'Update the contract (with notice to consumers) or fix the job.',
    runtime: true,
    evaluate: ({ runtime }) => fromRuntime(runtime?.schemaDrift),
  },
  {
    id: 'no-undeclared-dependencies',
    title: 'No undeclared dependencies',
    description:
      'Measured from lineage: the product reads only what its input ports declare.',
    category: 'contracts',
    severity: 'warning',
    remediation:
      "Declare the input port, or stop reading the dataset (or retire the job that reads it): the finding clears once the pipeline has run without the read for the lineage backend's read window (lineage.readWindowDays).",
    runtime: true,
    evaluate: ({ runtime }) => fromRuntime(runtime?.undeclaredDependencies),
  },
];

export const builtinCheckIds = builtinChecks.map(check => check.id);
