import type { ErrorObject } from 'ajv';
import type { ContractError } from './ContractError';
import { odcsApiVersions, odcsLogicalTypes } from './DataContract';
import { describeValue } from './describeValue';
import { toPath } from './toPath';

/** What a missing field should hold, so the message can say what to write. */
const EXPECTED: Record<string, string> = {
  apiVersion: `the ODCS version, one of ${odcsApiVersions.join(', ')}`,
  kind: '"DataContract"',
  id: 'a unique identifier such as a UUID',
  version: 'the contract version, like 1.0.0',
  status: 'a status such as draft, active or deprecated',
  name: 'a name',
  property: 'the SLA property, such as latency or retention',
  value: 'the SLA value',
  channel: 'the channel name, such as #orders-help',
  server: 'the server name, such as production',
  // Only servers require a type.
  type: 'the server type, such as postgres, snowflake or kafka',
  query: 'the SQL query of this sql rule',
  engine: 'the engine of this custom rule, such as soda',
  implementation: 'the rule in the language of its engine',
};

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object (key: value pairs)',
  null: 'null',
};

function joinOr(words: string[]): string {
  return words.length > 1
    ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`
    : words[0];
}

function listOf(values: readonly unknown[]): string {
  return joinOr(values.map(v => JSON.stringify(v)));
}

function lastSegment(instancePath: string): string {
  return instancePath.slice(instancePath.lastIndexOf('/') + 1);
}

function enumMessage(error: ErrorObject): string {
  const found = describeValue(error.data);
  if (error.instancePath === '/apiVersion') {
    const hint =
      typeof error.data === 'string' && /^v?2\./.test(error.data)
        ? '; ODCS v2 contracts must be upgraded to v3'
        : '';
    return `must be a supported ODCS version: ${listOf(
      odcsApiVersions,
    )} (found ${found}${hint})`;
  }
  // Properties' logical types; a schema object's can only be "object".
  if (
    lastSegment(error.instancePath) === 'logicalType' &&
    error.params.allowedValues.length > 1
  ) {
    return `must be one of the ODCS logical types ${listOf(
      odcsLogicalTypes,
    )} (found ${found}; database types such as varchar(32) go in physicalType)`;
  }
  return `must be ${listOf(error.params.allowedValues)} (found ${found})`;
}

function typeMessage(error: ErrorObject): string {
  const found = describeValue(error.data);
  if (error.instancePath === '/team') {
    return `must be a list of members (ODCS v3.0) or an object with a members list (ODCS v3.1) (found ${found})`;
  }
  const types: string[] = String(error.params.type).split(',');
  const expected = joinOr(types.map(t => TYPE_WORDS[t] ?? t));
  // YAML reads 1.0 or true as a number or boolean, where text was meant,
  // and "100" as text, where a number was.
  let hint = '';
  if (
    types.length === 1 &&
    types[0] === 'string' &&
    typeof error.data !== 'object'
  ) {
    hint = '; put it in quotes in YAML to keep it text';
  } else if (
    types.includes('number') &&
    typeof error.data === 'string' &&
    error.data.trim() !== '' &&
    Number.isFinite(Number(error.data))
  ) {
    hint = '; remove the quotes in YAML to make it a number';
  }
  return `must be ${expected} (found ${found}${hint})`;
}

function describe(error: ErrorObject): ContractError {
  const path = toPath(error.instancePath);
  switch (error.keyword) {
    case 'required': {
      const field: string = error.params.missingProperty;
      return {
        path: toPath(error.instancePath, field),
        message: `is required: expected ${
          EXPECTED[field] ?? 'a value'
        }, found nothing`,
      };
    }
    case 'enum':
      return { path, message: enumMessage(error) };
    case 'type':
      return { path, message: typeMessage(error) };
    case 'minLength':
      return { path, message: 'must not be empty (found "")' };
    // Only the [low, high] ranges of quality rules limit their length.
    case 'minItems':
    case 'maxItems': {
      const count = Array.isArray(error.data) ? error.data.length : 0;
      return {
        path,
        message: `must be a list of two numbers [low, high] (found ${count} ${
          count === 1 ? 'number' : 'numbers'
        })`,
      };
    }
    // The only anyOf: a library rule's metric (v3.1) or rule (v3.0).
    case 'anyOf':
      return {
        path: `${path}${path ? '.' : ''}metric`,
        message:
          'is required for a library rule: expected a metric such as nullValues or rowCount (or, in ODCS v3.0, a rule), found neither',
      };
    default:
      return {
        path,
        message: `${error.message} (found ${describeValue(error.data)})`,
      };
  }
}

/**
 * Turns ajv's errors into one sentence per problem. Errors that only repeat
 * another one (an `if` that failed, the branches of the metric/rule choice)
 * are dropped.
 */
export function describeSchemaErrors(errors: ErrorObject[]): ContractError[] {
  return errors
    .filter(
      e =>
        e.keyword !== 'if' &&
        !(
          e.keyword === 'required' &&
          /\/anyOf\/\d+\/required$/.test(e.schemaPath)
        ),
    )
    .map(describe);
}
