import { count } from './count';
import path from 'path';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DataContract,
  dataProductReferences,
  normalizedEntityRef,
} from '@meshwork/plugin-data-products-common';
import {
  applicableChecks,
  checkContextOf,
  builtinChecks,
  domainPolicy,
  evaluateScorecard,
  GovernancePolicy,
  parseGovernancePolicies,
  Scorecard,
} from '@meshwork/plugin-governance-common';
import { CatalogLookup } from '../mesh/catalogLookup';
import { ExemptionLookup } from '../mesh/exemptionLookup';
import { describeMeshError, MeshError } from '../mesh/loadMesh';
import { printable } from '../mesh/printable';
import { catalogRulesOf } from '../mesh/catalogRules';
import {
  AppConfig,
  DEFAULT_CONFIG,
  readAppConfig,
} from '../mesh/readAppConfig';
import { validateMesh } from '../mesh/validateMesh';
import { junitReport } from './junitReport';

/** Every built-in check at its own severity, when the config sets no policies. */
const DEFAULT_POLICY: GovernancePolicy = {
  name: 'built-in defaults',
  checks: builtinChecks.map(builtin => ({ id: builtin.id })),
};

/**
 * The global policies of an app-config; the built-in defaults when there is
 * none or it sets none, said on stderr when there is none.
 */
function policiesOf(config: AppConfig | undefined): GovernancePolicy[] {
  if (config === undefined) {
    process.stderr.write(
      `meshwork: no ${DEFAULT_CONFIG} here: checking under the built-in policy (give --config <app-config> for your platform's policies)\n`,
    );
    return [DEFAULT_POLICY];
  }
  const { value, file } = config.read('governance.policies');
  let policies: GovernancePolicy[];
  try {
    policies = parseGovernancePolicies(value);
  } catch (error) {
    throw new Error(`--config ${file}: ${(error as Error).message}`);
  }
  return policies.length ? policies : [DEFAULT_POLICY];
}

const refOf = (entity: Entity) =>
  normalizedEntityRef({
    kind: entity.kind,
    namespace: entity.metadata.namespace,
    name: entity.metadata.name,
  });

/**
 * `meshwork check <paths…>`: the governance checks that need no runtime data,
 * under the global policies of `--config` and the domains' own, with the
 * exemptions in force when `exemptions` reads them; exit 1 when a check of
 * severity error fails unexempted or a product is not valid at all.
 */
export async function check(
  targets: string[],
  options: {
    format: 'text' | 'json' | 'junit';
    config?: string[];
    catalog?: CatalogLookup;
    exemptions?: ExemptionLookup;
  },
): Promise<number> {
  const config = await readAppConfig(options.config);
  const globalPolicies = policiesOf(config);
  // Without them a product is scored stricter, never laxer: say so, go on.
  const exemptions =
    (await options.exemptions?.().catch(error => {
      process.stderr.write(
        `meshwork: ${printable(error.message)}: checking without exemptions\n`,
      );
      return [];
    })) ?? [];
  const { products, errors, notes, documents, fromCatalog } =
    await validateMesh(targets, {
      ...options,
      catalogRules: catalogRulesOf(config),
    });
  for (const note of notes) {
    process.stderr.write(
      `meshwork: ${describeMeshError(
        note,
        path.relative(process.cwd(), note.file) || note.file,
      )}\n`,
    );
  }
  const entities = new Map<string, Entity>(
    [...fromCatalog, ...documents.map(doc => doc.entity)].map(entity => [
      refOf(entity),
      entity,
    ]),
  );
  const scorecards: Array<{ file: string; scorecard: Scorecard }> = [];
  const unreadDomains = new Set<string>();
  const unreadOwners = new Set<string>();
  for (const product of products) {
    const { entity } = product;
    // In the product's namespace unless they name another, as the backend reads them.
    const refs = dataProductReferences(entity);
    const domain = entities.get(normalizedEntityRef(refs.domain));
    if (!domain) unreadDomains.add(normalizedEntityRef(refs.domain));
    const ownerRef = normalizedEntityRef(refs.owner);
    if (!entities.has(ownerRef) && !options.catalog) unreadOwners.add(ownerRef);
    const policies = [
      ...globalPolicies,
      ...[domain && domainPolicy(domain)].filter(
        (policy): policy is GovernancePolicy => Boolean(policy),
      ),
    ];
    // A port whose contract is a URL, not fetched offline, is left to the
    // catalog's scorecard rather than failed here as having none.
    const judged = {
      ...entity,
      spec: {
        ...entity.spec,
        outputPorts: entity.spec.outputPorts.filter(
          port => !product.contractsNotFetched.includes(port.name),
        ),
      },
    };
    const scorecard = evaluateScorecard({
      // As the catalog's scorecards read the product, contracts included.
      context: checkContextOf(judged, {
        contracts: new Map<string, DataContract | undefined>(
          judged.spec.outputPorts.map(port => [
            port.name,
            product.contracts.get(port.name)?.contract,
          ]),
        ),
        contractFiles: new Map(
          judged.spec.outputPorts.flatMap(port => {
            const file = product.contracts.get(port.name)?.file;
            return file
              ? [[port.name, path.relative(process.cwd(), file) || file]]
              : [];
          }),
        ),
        owner: entities.get(normalizedEntityRef(refs.owner)),
        inputPortIssues: product.issues.filter(e =>
          e.path.startsWith('spec.inputPorts'),
        ),
      }),
      applicable: applicableChecks(entity, policies),
      // The product's own, by its ref as written: stored refs are lowercase.
      exemptions: exemptions
        .filter(e => e.entityRef.toLocaleLowerCase('en-US') === refOf(entity))
        .map(e => ({ ...e, entityRef: stringifyEntityRef(entity) })),
      staticOnly: true,
    });
    scorecards.push({ file: product.file, scorecard });
  }
  for (const domain of unreadDomains) {
    // Its policy may make a warning an error: scored without it, a product
    // can pass here and fail in the catalog.
    process.stderr.write(
      `meshwork: ${printable(domain)} is neither among the paths given nor${
        options.catalog ? ' in the catalog' : ' looked up (give --backend)'
      }: its products are checked without the domain's own policy\n`,
    );
  }
  for (const owner of unreadOwners) {
    // The checks say it is not in the catalog, which was not asked.
    process.stderr.write(
      `meshwork: ${printable(
        owner,
      )} is neither among the paths given nor looked up (give --backend): the checks of its products' owner fail\n`,
    );
  }
  // A checked product's owner and input ports are reported by its checks,
  // when they apply to it as errors; anything else wrong (or those, when no
  // error-severity check reports them) the catalog would refuse.
  const reported = new Set(
    products.flatMap((p, index) =>
      p.issues.filter(issue => {
        const id = reportingCheckOf(issue.path);
        const result = scorecards[index].scorecard.checks.find(
          c => c.id === id,
        );
        return result?.status === 'fail' && result.severity === 'error';
      }),
    ),
  );
  const invalid = errors.filter(e => !reported.has(e));
  const failedErrors = scorecards.some(({ scorecard }) =>
    scorecard.checks.some(
      result => result.status === 'fail' && result.severity === 'error',
    ),
  );
  const passed = !failedErrors && invalid.length === 0;
  write(options.format, scorecards, invalid, passed);
  return passed ? 0 : 1;
}

/** The check that reports a problem at this field of a product, if any. */
function reportingCheckOf(field: string): string | undefined {
  if (field === 'spec.owner') return 'owner-is-group';
  if (field.startsWith('spec.inputPorts')) return 'input-ports-resolve';
  return undefined;
}

function write(
  format: 'text' | 'json' | 'junit',
  scorecards: Array<{ file: string; scorecard: Scorecard }>,
  invalid: MeshError[],
  passed: boolean,
) {
  const relative = (file: string) => path.relative(process.cwd(), file) || file;
  if (format === 'json') {
    process.stdout.write(
      `${JSON.stringify(
        {
          passed,
          scorecards: scorecards.map(({ file, scorecard }) => ({
            file: relative(file),
            ...scorecard,
          })),
          errors: invalid.map(e => ({ ...e, file: relative(e.file) })),
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  if (format === 'junit') {
    process.stdout.write(junitReport(scorecards, invalid, relative));
    return;
  }
  for (const { file, scorecard } of scorecards) {
    process.stdout.write(
      `${printable(
        `${relative(file)}: ${scorecard.entityRef} ${scorecard.level} (${
          scorecard.score
        }/100)`,
      )}\n`,
    );
    for (const result of scorecard.checks.filter(x => x.status === 'fail')) {
      process.stdout.write(
        `  ${printable(
          `${result.severity}: ${result.id}: ${result.message} Fix: ${result.remediation}`,
        )}\n`,
      );
    }
  }
  for (const e of invalid) {
    process.stdout.write(`${describeMeshError(e, relative(e.file))}\n`);
  }
  const checked = `${count(scorecards.length, 'data product')} checked`;
  let summary = `${checked}: some fail error-severity checks or are invalid`;
  if (passed) summary = `${checked}: no error-severity check fails`;
  else if (scorecards.length === 0)
    summary = 'no data product could be checked';
  process.stderr.write(`${summary}\n`);
}
