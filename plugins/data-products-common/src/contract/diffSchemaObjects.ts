import type { ContractChange } from './ContractChange';
import type {
  PropertyDefinition,
  SchemaObject,
  SchemaProperty,
} from './DataContract';
import { isMoreRestrictive } from './compareClassifications';
import { comparePhysicalTypes } from './comparePhysicalTypes';
import { diffQualityRules } from './diffQualityRules';
import { diffTypeOptions } from './diffTypeOptions';

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function byName<T extends { name: string }>(items: T[]): Map<string, T> {
  return new Map(items.map(item => [item.name, item]));
}

/** Key columns in key order: by position, then as listed. */
function primaryKey(properties: SchemaProperty[]): string[] {
  return properties
    .map((property, index) => ({ property, index }))
    .filter(({ property }) => property.primaryKey)
    .sort(
      (a, b) =>
        (a.property.primaryKeyPosition ?? 0) -
          (b.property.primaryKeyPosition ?? 0) || a.index - b.index,
    )
    .map(({ property }) => property.name);
}

function diffPhysicalName(
  before: { name?: string; physicalName?: string },
  after: { name?: string; physicalName?: string },
  path: string,
): ContractChange[] {
  // Without a physical name, the data store uses the (matching) name.
  const a = before.physicalName ?? before.name;
  const b = after.physicalName ?? after.name;
  if (a === undefined || b === undefined || a === b) {
    return [];
  }
  return [
    {
      kind: 'physical-name-changed',
      severity: 'breaking',
      path,
      message: `Physical name changed from ${a} to ${b}: queries using the old name will fail.`,
      before: a,
      after: b,
    },
  ];
}

function diffPhysicalType(
  before: string | undefined,
  after: string | undefined,
  path: string,
): ContractChange[] {
  if (before === after) {
    return [];
  }
  const comparison =
    before !== undefined && after !== undefined
      ? comparePhysicalTypes(before, after)
      : 'different';
  const severity = {
    narrower: 'breaking',
    equivalent: 'info',
    wider: 'warning',
    different: 'warning',
  } as const;
  const consequence = {
    narrower: 'existing values may no longer fit',
    equivalent: 'another spelling of the same type',
    wider: 'consumers may need to accept larger values',
    different: 'consumers may need to adapt',
  };
  return [
    {
      kind: 'physical-type-changed',
      severity: severity[comparison],
      path,
      message: `Physical type changed from ${show(before ?? 'none')} to ${show(
        after ?? 'none',
      )}: ${consequence[comparison]}.`,
      before,
      after,
    },
  ];
}

function diffAllowedValues(
  before: unknown[] | undefined,
  after: unknown[] | undefined,
  path: string,
): ContractChange[] {
  if (before === undefined && after === undefined) {
    return [];
  }
  const a = new Set((before ?? []).map(value => JSON.stringify(value)));
  const b = new Set((after ?? []).map(value => JSON.stringify(value)));
  const changes: ContractChange[] = [];
  const removed = [...a].filter(value => !b.has(value));
  if (after !== undefined && (before === undefined || removed.length > 0)) {
    changes.push({
      kind: 'enum-narrowed',
      severity: 'breaking',
      path,
      message:
        before === undefined
          ? `Values are now limited to ${[...b].join(', ')}.`
          : `Values ${removed.join(', ')} are no longer allowed.`,
      before,
      after,
    });
  }
  const added = [...b].filter(value => !a.has(value));
  if (before !== undefined && (after === undefined || added.length > 0)) {
    changes.push({
      kind: 'enum-widened',
      severity: 'warning',
      path,
      message:
        after === undefined
          ? 'Values are no longer limited to a list: consumers may see values they do not handle.'
          : `Values ${added.join(
              ', ',
            )} are now allowed: consumers may not handle them.`,
      before,
      after,
    });
  }
  return changes;
}

function diffProperty(
  before: PropertyDefinition,
  after: PropertyDefinition,
  path: string,
): ContractChange[] {
  const changes = diffPhysicalName(before, after, path);
  if (before.logicalType !== after.logicalType) {
    changes.push({
      kind: 'logical-type-changed',
      // Declaring a type where there was none (or dropping it) is unclear, not broken.
      severity:
        before.logicalType && after.logicalType ? 'breaking' : 'warning',
      path,
      message: `Logical type changed from ${before.logicalType ?? 'none'} to ${
        after.logicalType ?? 'none'
      }.`,
      before: before.logicalType,
      after: after.logicalType,
    });
  }
  changes.push(
    ...diffPhysicalType(before.physicalType, after.physicalType, path),
  );
  if (!before.required && after.required) {
    changes.push({
      kind: 'made-required',
      severity: 'breaking',
      path,
      message: 'Became required: producers must now always provide a value.',
      before: false,
      after: true,
    });
  }
  if (before.required && !after.required) {
    changes.push({
      kind: 'required-relaxed',
      severity: 'warning',
      path,
      message: 'Is no longer required: consumers may now get nulls.',
      before: true,
      after: false,
    });
  }
  if (!before.unique && after.unique) {
    changes.push({
      kind: 'unique-added',
      severity: 'breaking',
      path,
      message: 'Became unique: producers must no longer write a value twice.',
      before: false,
      after: true,
    });
  }
  if (before.unique && !after.unique) {
    changes.push({
      kind: 'unique-removed',
      severity: 'warning',
      path,
      message: 'Is no longer unique: consumers may now get duplicates.',
      before: true,
      after: false,
    });
  }
  if (
    before.classification !== after.classification ||
    before.isPii !== after.isPii
  ) {
    const stricter = isMoreRestrictive(before, after);
    const describe = (p: PropertyDefinition) =>
      `${p.classification ?? 'unclassified'}${p.isPii ? ' (PII)' : ''}`;
    changes.push({
      kind: 'classification-changed',
      severity: stricter ? 'breaking' : 'warning',
      path,
      message: `Classification changed from ${describe(before)} to ${describe(
        after,
      )}${
        stricter ? ': consumers may lose access or have new obligations' : ''
      }.`,
      before: before.classification,
      after: after.classification,
    });
  }
  changes.push(
    ...diffAllowedValues(before.allowedValues, after.allowedValues, path),
    ...diffTypeOptions(
      before.logicalTypeOptions,
      after.logicalTypeOptions,
      path,
    ),
    ...diffQualityRules(before.quality, after.quality, path),
    ...diffProperties(before.properties, after.properties, path),
  );
  if (before.items && after.items) {
    changes.push(...diffProperty(before.items, after.items, `${path}[]`));
  } else if (before.items) {
    changes.push({
      kind: 'property-removed',
      severity: 'breaking',
      path: `${path}[]`,
      message: `The items of ${before.name} are no longer described: consumers reading their fields will fail.`,
      before: before.items,
    });
  }
  return changes;
}

function diffProperties(
  before: SchemaProperty[],
  after: SchemaProperty[],
  parentPath: string,
): ContractChange[] {
  const changes: ContractChange[] = [];
  const current = byName(after);
  for (const property of before) {
    const path = `${parentPath}.${property.name}`;
    const match = current.get(property.name);
    if (match) {
      changes.push(...diffProperty(property, match, path));
    } else {
      changes.push({
        kind: 'property-removed',
        severity: 'breaking',
        path,
        message: `Property ${property.name} was removed: consumers reading it will fail.`,
        before: property,
      });
    }
  }
  const old = byName(before);
  for (const property of after.filter(p => !old.has(p.name))) {
    changes.push({
      kind: 'property-added',
      severity: property.required ? 'breaking' : 'info',
      path: `${parentPath}.${property.name}`,
      message: property.required
        ? `Required property ${property.name} was added: producers must now provide it.`
        : `Optional property ${property.name} was added.`,
      after: property,
    });
  }
  const keyBefore = primaryKey(before);
  const keyAfter = primaryKey(after);
  if (keyBefore.join() !== keyAfter.join()) {
    changes.push({
      kind: 'primary-key-changed',
      severity: 'breaking',
      path: parentPath,
      message: `Primary key changed from (${keyBefore.join(
        ', ',
      )}) to (${keyAfter.join(
        ', ',
      )}): joins and deduplication on the old key break.`,
      before: keyBefore,
      after: keyAfter,
    });
  }
  return changes;
}

/** Objects and properties are matched by name; paths use names, not positions. */
export function diffSchemaObjects(
  before: SchemaObject[],
  after: SchemaObject[],
): ContractChange[] {
  const changes: ContractChange[] = [];
  const current = byName(after);
  for (const object of before) {
    const match = current.get(object.name);
    if (!match) {
      changes.push({
        kind: 'schema-object-removed',
        severity: 'breaking',
        path: object.name,
        message: `Schema object ${object.name} was removed: consumers reading it will fail.`,
        before: object,
      });
      continue;
    }
    changes.push(
      ...diffPhysicalName(object, match, object.name),
      ...diffPhysicalType(object.physicalType, match.physicalType, object.name),
      ...diffProperties(object.properties, match.properties, object.name),
      ...diffQualityRules(object.quality, match.quality, object.name),
    );
  }
  const old = byName(before);
  for (const object of after.filter(o => !old.has(o.name))) {
    changes.push({
      kind: 'schema-object-added',
      severity: 'info',
      path: object.name,
      message: `Schema object ${object.name} was added.`,
      after: object,
    });
  }
  return changes;
}
