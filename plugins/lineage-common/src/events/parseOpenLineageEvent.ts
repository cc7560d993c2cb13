import type {
  OpenLineageEvent,
  OpenLineageEventKind,
} from './OpenLineageEvent';
import {
  datasetEventSchema,
  jobEventSchema,
  runEventSchema,
} from './openLineageEventSchema';
import { isRawJson } from './isRawJson';
import { parseEventTime } from './parseEventTime';

/** One reason an event was refused, at a JSON path such as `run.runId`. */
export type EventValidationIssue = { path: string; message: string };

export type ParsedOpenLineageEvent = {
  kind: OpenLineageEventKind;
  event: OpenLineageEvent;
  /** `eventTime` in epoch milliseconds. */
  eventTimeMs: number;
  /** The event as validated, as JSON text: what the store keeps and hashes. */
  payload: string;
};

export type ParseOpenLineageEventResult =
  | ({ ok: true } & ParsedOpenLineageEvent)
  | { ok: false; issues: EventValidationIssue[] };

/**
 * Objects nested deeper than this are refused before validation: as deep
 * as Jackson, which Marquez reads events with, takes by default. Spark's
 * optional `spark.logicalPlan` facet nests as deep as the query's plan.
 */
const MAX_DEPTH = 1000;

/**
 * Escapes JSON.stringify writes for the text isUnstorable finds: a NUL
 * character or an unpaired surrogate. Text spelling one out matches too,
 * and the walk then finds nothing wrong.
 */
const UNSTORABLE_ESCAPE = /\\u(?:0000|d[89a-f])/i;

function isObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !isRawJson(value)
  );
}

/**
 * Tells the event kind from its shape (never from `schemaURL`, which
 * producers get wrong) and validates it, naming every failing path.
 */
export function parseOpenLineageEvent(
  input: unknown,
): ParseOpenLineageEventResult {
  if (!isObject(input)) {
    return {
      ok: false,
      issues: [
        {
          path: '',
          message: `an OpenLineage event must be a JSON object, got ${describe(
            input,
          )}`,
        },
      ],
    };
  }
  // Cheap checks first: the walk that names the path is slower by far. An
  // event nested too deep is not written out (the walk refuses it).
  const deep = isNestedTooDeep(input, 0);
  const payload = deep ? '' : JSON.stringify(input);
  const unstorable =
    (deep || UNSTORABLE_ESCAPE.test(payload)
      ? findUnstorable(input)
      : undefined) ?? findNumberForObject(input);
  if (unstorable) {
    return { ok: false, issues: [unstorable] };
  }
  let kind: OpenLineageEventKind;
  if ('run' in input) {
    kind = 'run';
  } else if ('job' in input) {
    kind = 'job';
  } else if ('dataset' in input) {
    kind = 'dataset';
  } else {
    return {
      ok: false,
      issues: [
        {
          path: '',
          message:
            'not an OpenLineage event: expected `run` and `job` (RunEvent), `job` (JobEvent) or `dataset` (DatasetEvent)',
        },
      ],
    };
  }
  const schema = {
    run: runEventSchema,
    job: jobEventSchema,
    dataset: datasetEventSchema,
  }[kind];
  const result = schema.safeParse(input, { error: describeRawJsonNumber });
  if (!result.success) {
    return {
      ok: false,
      issues: result.error.issues.map(issue => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    };
  }
  // The input itself, not zod's copy: the copy loses keys named
  // `__proto__`, and every key of an event, facet names too, is kept as sent.
  const event = input as unknown as OpenLineageEvent;
  return {
    ok: true,
    kind,
    event,
    eventTimeMs: parseEventTime(event.eventTime)!,
    payload,
  };
}

/**
 * An integer kept exactly (raw JSON) is an object to zod: where the schema
 * wants text (`run.runId`, say), it names the number a number.
 */
function describeRawJsonNumber(issue: {
  code?: string;
  input?: unknown;
  expected?: unknown;
}): string | undefined {
  return issue.code === 'invalid_type' && isRawJson(issue.input)
    ? `Invalid input: expected ${issue.expected}, received number`
    : undefined;
}

function describe(value: unknown) {
  if (value === null) return 'null';
  if (isRawJson(value)) return 'number';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

type Frame = { value: object; depth: number; key: string; parent?: Frame };

/**
 * Text a store cannot keep as given: Postgres holds no NUL character, and an
 * unpaired UTF-16 surrogate is not Unicode (drivers replace it, so two names
 * would become one).
 */
export function isUnstorable(text: string): boolean {
  return (
    text.includes('\u0000') ||
    !(text as string & { isWellFormed(): boolean }).isWellFormed()
  );
}

/**
 * Whether objects in `value` nest deeper than MAX_DEPTH below `depth`.
 * Recursive, as the depth is bounded: several times faster than the walk.
 */
function isNestedTooDeep(value: object, depth: number): boolean {
  if (depth > MAX_DEPTH) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i];
      if (isObjectNestedTooDeep(child, depth + 1)) return true;
    }
    return false;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const child = (value as Record<string, unknown>)[key];
    if (isObjectNestedTooDeep(child, depth + 1)) return true;
  }
  return false;
}

function isObjectNestedTooDeep(value: unknown, depth: number): boolean {
  return (
    typeof value === 'object' && value !== null && isNestedTooDeep(value, depth)
  );
}

/**
 * The first value nested too deep or holding text no store can keep, walked
 * without recursion (it meets nesting of any depth). Walked only for an
 * event the cheap checks (isNestedTooDeep, UNSTORABLE_ESCAPE) suspect.
 */
function findUnstorable(root: object): EventValidationIssue | undefined {
  const stack: Frame[] = [{ value: root, depth: 0, key: '' }];
  const pathOf = (frame: Frame) => {
    const keys: string[] = [];
    for (let f: Frame | undefined = frame; f?.parent; f = f.parent) {
      keys.push(f.key);
    }
    return keys.reverse().join('.');
  };
  const badText = (frame: Frame, key: string) => ({
    path: pathOf({ value: {}, depth: 0, key, parent: frame }),
    message:
      'must not contain a NUL character (\\u0000) or an unpaired surrogate',
  });
  while (stack.length) {
    const frame = stack.pop()!;
    if (frame.depth > MAX_DEPTH) {
      return {
        path: pathOf(frame),
        message: `nested deeper than ${MAX_DEPTH} levels`,
      };
    }
    const value = frame.value as Record<string, unknown>;
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      if (isUnstorable(key)) return badText(frame, key);
      const child = value[key];
      if (typeof child === 'string') {
        if (isUnstorable(child)) return badText(frame, key);
      } else if (typeof child === 'object' && child !== null) {
        stack.push({
          value: child,
          depth: frame.depth + 1,
          key,
          parent: frame,
        });
      }
    }
  }
  return undefined;
}

const FACET_KEYS = ['facets', 'inputFacets', 'outputFacets'];

/**
 * An integer kept exactly (raw JSON) where the event has an object: the
 * schema would take it for an object, a facet named `rawJSON`, say. As in
 * `findUnstorable`, a path is built only for the one reported.
 */
function findNumberForObject(
  event: Record<string, unknown>,
): EventValidationIssue | undefined {
  const numberAt = (path: string) => ({
    path,
    message: 'Invalid input: expected object, received number',
  });
  const inEntity = (value: unknown, path: () => string) => {
    if (isRawJson(value)) return numberAt(path());
    if (!isObject(value)) return undefined;
    const key = FACET_KEYS.find(k => isRawJson(value[k]));
    return key === undefined ? undefined : numberAt(`${path()}.${key}`);
  };
  for (const key of ['run', 'job', 'dataset']) {
    const found = inEntity(event[key], () => key);
    if (found) return found;
  }
  for (const side of ['inputs', 'outputs']) {
    const datasets = event[side];
    if (!Array.isArray(datasets)) continue;
    for (let i = 0; i < datasets.length; i++) {
      const found = inEntity(datasets[i], () => `${side}.${i}`);
      if (found) return found;
    }
  }
  return undefined;
}
