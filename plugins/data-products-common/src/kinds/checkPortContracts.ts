import {
  columnPaths,
  datasetSchemaObject,
  physicalColumnPath,
  datasetTableNames,
  type DataContract,
  type SchemaObject,
  type SchemaProperty,
} from '../contract';
import { someOf } from './someOf';
import type { ValidationIssue } from './validateDataProductEntity';

/**
 * The quality metrics measured on a column (`slos.quality[].column`);
 * `rowCount` is the table's.
 */
export const COLUMN_METRICS: ReadonlySet<string> = new Set([
  'nullRate',
  'duplicateRate',
]);

/** An output port's contract, parsed, and how the product names it. */
export type PortContract = {
  contract: DataContract;
  /** As the product gives it: the file's path, or absent for one inline. */
  written?: string;
};

const quoted = (name: string) => JSON.stringify(name);

/** `"a", "b" or "c"`: a few names, as datasetTableNames gives. */
const orList = (names: string[]) =>
  names.length > 1
    ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`
    : names.join('');

function describeContract(port: string, given: PortContract) {
  return `the contract of output port ${quoted(port)} (${
    given.written === undefined ? 'inline' : given.written
  })`;
}

function describeSchemaObject(object: SchemaObject): string {
  return object.physicalName && object.physicalName !== object.name
    ? `${quoted(object.name)} (physicalName ${quoted(object.physicalName)})`
    : quoted(object.name);
}

/**
 * Whether `column` names a column of `properties`: by its path (`address.city`)
 * of names or of physical names, case-insensitively, as lineage matches the
 * columns a run reports.
 */
function hasColumn(properties: SchemaProperty[], column: string): boolean {
  const wanted = column.toLowerCase();
  return (
    columnPaths(properties).some(path => path.toLowerCase() === wanted) ||
    physicalColumnPath(properties, column) !== undefined
  );
}

/** Edit distance, for listing the likeliest columns first. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/** The columns a rule on `column` could have meant, likeliest first. */
function columnsLike(properties: SchemaProperty[], column: string): string[] {
  const wanted = column.toLowerCase();
  const physical = new Map(
    properties
      .filter(p => p.physicalName && p.physicalName !== p.name)
      .map(p => [p.name, p.physicalName!]),
  );
  return columnPaths(properties)
    .map(path => ({
      path,
      shown: physical.has(path)
        ? `${quoted(path)} (physicalName ${quoted(physical.get(path)!)})`
        : quoted(path),
      far: Math.min(
        distance(path.toLowerCase(), wanted),
        physical.has(path)
          ? distance(physical.get(path)!.toLowerCase(), wanted)
          : Infinity,
      ),
    }))
    .sort((a, b) => a.far - b.far)
    .map(c => c.shown);
}

/**
 * What a product's output port contracts show wrong in the product, once
 * they are read: a contract of several schema objects none of which
 * describes the port's dataset (so that lineage measures none of its
 * columns), and a quality SLO on a column that its port's contract does
 * not have (so that it is never measured). `contracts` holds the parsed
 * contract of each output port that has one, by port name; a port whose
 * contract could not be read, or whose contract has no schema, is not
 * judged.
 */
export function checkPortContracts(
  entity: unknown,
  contracts: ReadonlyMap<string, PortContract>,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const spec = (entity as { spec?: any } | null)?.spec;
  const ports: any[] = Array.isArray(spec?.outputPorts) ? spec.outputPorts : [];
  // The schema object describing each port's dataset, by port name.
  const schemaOf = new Map<
    string,
    { given: PortContract; object: SchemaObject }
  >();
  ports.forEach((port, index) => {
    if (
      typeof port?.name !== 'string' ||
      typeof port.dataset?.name !== 'string'
    )
      return;
    const given = contracts.get(port.name);
    if (!given) return;
    const object = datasetSchemaObject(given.contract, port.dataset.name);
    if (object) {
      schemaOf.set(port.name, { given, object });
      return;
    }
    if (given.contract.schema.length < 2) return;
    issues.push({
      path: `spec.outputPorts[${index}].contract`,
      message: `${describeContract(
        port.name,
        given,
      )} has several schema objects (${someOf(
        given.contract.schema.map(describeSchemaObject),
      )}) and none describes dataset ${quoted(
        port.dataset.name,
      )}: expected one whose name or physicalName is ${orList(
        [...new Set(datasetTableNames(port.dataset.name))].map(quoted),
      )} (in any case), or a contract of one schema object`,
    });
  });

  const rules: unknown[] = Array.isArray(spec?.slos?.quality)
    ? spec.slos.quality
    : [];
  rules.forEach((rule: any, index) => {
    if (!COLUMN_METRICS.has(rule?.metric) || typeof rule.column !== 'string')
      return;
    const applies: string[] =
      typeof rule.port === 'string'
        ? [rule.port]
        : ports.map(p => p?.name).filter(n => typeof n === 'string');
    for (const portName of applies) {
      const described = schemaOf.get(portName);
      // Columns undeclared are not judged.
      if (!described || described.object.properties.length === 0) continue;
      const { given, object } = described;
      if (hasColumn(object.properties, rule.column)) continue;
      issues.push({
        path: `spec.slos.quality[${index}].column`,
        message: `${quoted(rule.column)} is not a column of ${describeContract(
          portName,
          given,
        )}, schema object ${quoted(object.name)}, so its ${
          rule.metric
        } would never be measured${
          typeof rule.port === 'string'
            ? ''
            : ' (the rule names no port, so it applies to every output port; give port to apply it to one)'
        }: expected one of ${someOf(
          columnsLike(object.properties, rule.column),
        )}`,
      });
    }
  });
  return issues;
}
