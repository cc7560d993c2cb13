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
import { matchesLogicalType } from './matchesLogicalType';

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function byName<T extends { name: string }>(items: T[]): Map<string, T> {
  return new Map(items.map(item => [item.name, item]));
}

/** A key position a contract gives: ODCS uses -1 (or nothing) for none. */
function hasPosition(property: SchemaProperty): boolean {
  return (
    typeof property.primaryKeyPosition === 'number' &&
    property.primaryKeyPosition > 0
  );
}

/**
 * Key columns in key order: by position, then as listed; `ordered` when
 * each has a position, else the order is only the listing's, which means
 * nothing.
 */
function primaryKey(properties: SchemaProperty[]): {
  columns: string[];
  ordered: boolean;
} {
  const key = properties
    .map((property, index) => ({ property, index }))
    .filter(({ property }) => property.primaryKey);
  const ordered = key.every(({ property }) => hasPosition(property));
  const position = (property: SchemaProperty) =>
    hasPosition(property) ? property.primaryKeyPosition! : 0;
  return {
    columns: key
      .sort(
        (a, b) =>
          position(a.property) - position(b.property) || a.index - b.index,
      )
      .map(({ property }) => property.name),
    ordered,
  };
}

function diffPrimaryKey(
  before: SchemaProperty[],
  after: SchemaProperty[],
  path: string,
): ContractChange[] {
  const keyBefore = primaryKey(before);
  const keyAfter = primaryKey(after);
  const a = keyBefore.columns;
  const b = keyAfter.columns;
  const sameColumns =
    a.length === b.length && a.every(column => b.includes(column));
  if (!sameColumns) {
    return [
      {
        kind: 'primary-key-changed',
        severity: 'breaking',
        path,
        message: `Primary key changed from (${a.join(', ')}) to (${b.join(
          ', ',
        )}): joins and deduplication on the old key break.`,
        before: a,
        after: b,
      },
    ];
  }
  // Without positions on both sides, the columns' listing is no key order.
  if (!keyBefore.ordered || !keyAfter.ordered || a.join() === b.join()) {
    return [];
  }
  return [
    {
      kind: 'primary-key-reordered',
      severity: 'warning',
      path,
      message: `Primary key order changed from (${a.join(', ')}) to (${b.join(
        ', ',
      )}): the same columns, but what relies on their order (composite indexes, sort or partition keys) may need to adapt.`,
      before: a,
      after: b,
    },
  ];
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
    incompatible: 'breaking',
    different: 'warning',
  } as const;
  const consequence = {
    narrower: 'existing values may no longer fit',
    equivalent: 'another spelling of the same type',
    wider: 'consumers may need to accept larger values',
    incompatible: 'consumers reading the old type will fail',
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

/** What a diff needs to know of the contracts besides their schema. */
export interface DiffSchemaOptions {
  /** The old contract's ODCS version: v3.0.x had no timestamp or time type. */
  oldApiVersion?: string;
}

/**
 * A change of logical type: breaking, but for a widening (integer →
 * number), a type declared where there was none or dropped (unclear, not
 * broken), and a v3.0.x `date` respelt as v3.1.0's `timestamp` or `time`
 * over the same physical type (v3.0.x had no other word for it).
 */
function diffLogicalType(
  before: PropertyDefinition,
  after: PropertyDefinition,
  path: string,
  options: DiffSchemaOptions,
): ContractChange[] {
  const a = before.logicalType;
  const b = after.logicalType;
  if (a === b) {
    return [];
  }
  const message = `Logical type changed from ${a ?? 'none'} to ${b ?? 'none'}`;
  const change = {
    kind: 'logical-type-changed' as const,
    path,
    before: a,
    after: b,
  };
  if (!a || !b) {
    return [{ ...change, severity: 'warning', message: `${message}.` }];
  }
  if (a === 'integer' && b === 'number') {
    return [
      {
        ...change,
        severity: 'warning',
        message: `${message}: consumers may now get fractions.`,
      },
    ];
  }
  const fromV30 = /^v3\.0\./.test(options.oldApiVersion ?? '');
  if (fromV30 && a === 'date' && (b === 'timestamp' || b === 'time')) {
    // The same values, in a type that is one of the new logical type.
    const samePhysical =
      before.physicalType !== undefined &&
      after.physicalType !== undefined &&
      (before.physicalType === after.physicalType ||
        comparePhysicalTypes(before.physicalType, after.physicalType) ===
          'equivalent') &&
      matchesLogicalType(b, after.physicalType) !== false;
    if (samePhysical) {
      return [
        {
          ...change,
          severity: 'info',
          message: `${message}: ODCS v3.0.x had no ${b} type, and the physical type is still ${before.physicalType}.`,
        },
      ];
    }
    if (before.physicalType === undefined && after.physicalType === undefined) {
      return [
        {
          ...change,
          severity: 'warning',
          message: `${message}: ODCS v3.0.x had no ${b} type, but with no physical type it cannot tell whether the values changed.`,
        },
      ];
    }
  }
  return [{ ...change, severity: 'breaking', message: `${message}.` }];
}

function diffProperty(
  before: PropertyDefinition,
  after: PropertyDefinition,
  path: string,
  options: DiffSchemaOptions,
): ContractChange[] {
  const changes = diffPhysicalName(before, after, path);
  changes.push(...diffLogicalType(before, after, path, options));
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
      [before.logicalType, after.logicalType],
    ),
    ...diffQualityRules(before.quality, after.quality, path),
    ...diffProperties(before.properties, after.properties, path, options),
  );
  if (before.items && after.items) {
    changes.push(
      ...diffProperty(before.items, after.items, `${path}[]`, options),
    );
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
  options: DiffSchemaOptions,
): ContractChange[] {
  const changes: ContractChange[] = [];
  const current = byName(after);
  for (const property of before) {
    const path = `${parentPath}.${property.name}`;
    const match = current.get(property.name);
    if (match) {
      changes.push(...diffProperty(property, match, path, options));
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
  changes.push(...diffPrimaryKey(before, after, parentPath));
  return changes;
}

/** Objects and properties are matched by name; paths use names, not positions. */
export function diffSchemaObjects(
  before: SchemaObject[],
  after: SchemaObject[],
  options: DiffSchemaOptions = {},
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
      ...diffProperties(
        object.properties,
        match.properties,
        object.name,
        options,
      ),
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
