import { z } from 'zod';
import { parseEventTime } from './parseEventTime';

/** Limits that keep one hostile event from costing the store much. */
export const EVENT_LIMITS = {
  maxNameLength: 4096,
  maxRunIdLength: 256,
  maxDatasetsPerEvent: 10_000,
};

const name = z
  .string()
  .min(1, 'must not be empty')
  .max(EVENT_LIMITS.maxNameLength);
const facets = z.record(z.string(), z.unknown()).optional();

const dataset = z.looseObject({
  namespace: name,
  name,
  facets,
  inputFacets: facets,
  outputFacets: facets,
});

const job = z.looseObject({ namespace: name, name, facets });

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
  schemaURL: z.string().max(4096).optional(),
};

const datasets = z.array(dataset).max(EVENT_LIMITS.maxDatasetsPerEvent);

export const runEventSchema = z.looseObject({
  ...common,
  eventType: z
    .enum(['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER'])
    .optional(),
  run,
  job,
  inputs: datasets.optional(),
  outputs: datasets.optional(),
});

export const jobEventSchema = z.looseObject({
  ...common,
  job,
  inputs: datasets.optional(),
  outputs: datasets.optional(),
});

export const datasetEventSchema = z.looseObject({
  ...common,
  dataset,
});
