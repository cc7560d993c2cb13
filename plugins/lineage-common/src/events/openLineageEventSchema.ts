import { z } from 'zod';
import { parseEventTime } from './parseEventTime';
import { fitsUtf8Bytes } from './fitsUtf8Bytes';

/**
 * Limits that keep one hostile event from costing the store much. Names are
 * counted in UTF-8 bytes: a namespace and name together, or two column
 * names, must fit one Postgres index entry (at most 2,704 bytes).
 */
export const EVENT_LIMITS = {
  maxNamespaceBytes: 1000,
  maxNameBytes: 1500,
  maxFieldBytes: 1000,
  maxRunIdLength: 256,
  maxDatasetsPerEvent: 10_000,
};

const textOfAtMost = (bytes: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .refine(text => fitsUtf8Bytes(text, bytes), {
      message: `must be at most ${bytes} bytes of UTF-8`,
    });
const namespace = textOfAtMost(EVENT_LIMITS.maxNamespaceBytes);
const name = textOfAtMost(EVENT_LIMITS.maxNameBytes);
// Optional fields may be null (see OpenLineageEvent).
const facets = z.record(z.string(), z.unknown()).nullish();

const dataset = z.looseObject({
  namespace,
  name,
  facets,
  inputFacets: facets,
  outputFacets: facets,
});

const job = z.looseObject({ namespace, name, facets });

// The spec asks for a UUID, yet real producers (and the spec's own example
// events) send other ids; anything short and printable identifies a run.
const runId = z
  .string()
  .min(1, 'must not be empty')
  .max(EVENT_LIMITS.maxRunIdLength)
  .regex(/^[\x21-\x7e]+$/, 'must be printable with no spaces (a UUID)');

const run = z.looseObject({ runId, facets });

const eventTime = z
  .string()
  .refine(text => parseEventTime(text) !== undefined, {
    message: 'must be an ISO 8601 date-time',
  });

const common = {
  eventTime,
  producer: z.string().min(1, 'must not be empty').max(4096),
  schemaURL: z.string().max(4096).nullish(),
};

const datasets = z.array(dataset).max(EVENT_LIMITS.maxDatasetsPerEvent);

export const runEventSchema = z.looseObject({
  ...common,
  eventType: z
    .enum(['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER'])
    .nullish(),
  run,
  job,
  inputs: datasets.nullish(),
  outputs: datasets.nullish(),
});

export const jobEventSchema = z.looseObject({
  ...common,
  job,
  inputs: datasets.nullish(),
  outputs: datasets.nullish(),
});

export const datasetEventSchema = z.looseObject({
  ...common,
  dataset,
});
