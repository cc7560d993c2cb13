import {
  failedStatementsOf,
  isRecord,
  type OpenLineageDataset,
  type OpenLineageEventKind,
  type OpenLineageFacets,
  type ParsedOpenLineageEvent,
} from '@meshwork/plugin-lineage-common';
import { createHash } from 'crypto';
import {
  asRecord,
  indexableName,
  Named,
  namedKey,
  parentJobOf,
  rootJobOf,
} from './facetValues';
import { deflateEventPayload, EventPayload } from './eventPayload';
import { hashEventPayload } from './StorableEvent';
import { ImmutableRowCache } from './ImmutableRowCache';
import { LIFECYCLE_STATES, lifecycleStateOf } from './lifecycleStateOf';
import { schemaFieldsHash } from './schemaFieldsHash';

/**
 * Facets as the store merges them: each name with its JSON text, or null
 * for a facet marked `_deleted`. A list, not a record, so that any name
 * (`__proto__` too) is an ordinary entry, also once passed between threads.
 */
export type FacetTexts = Array<[name: string, text: string | null]>;

/** What a run measured of one of its datasets; null where not reported. */
export type DatasetMeasurements = {
  rowCount: number | null;
  byteCount: number | null;
  qualityMetrics: string | null;
  qualityAssertions: string | null;
  /** The hash of the `schema` facet's fields, as `schema` has it. */
  schemaHash: string | null;
};

export type PreparedDataset = Named & {
  facets: FacetTexts;
  /** The `schema` facet's fields, as JSON text and its hash. */
  schema?: { text: string; hash: string };
  /** Datasets its `columnLineage` facet reads, each once. */
  lineageInputs: Named[];
  measurements: DatasetMeasurements;
  /**
   * The change its `lifecycleStateChange` facet reports: `DROP` or
   * `TRUNCATE`, which may leave it without data, empty for any other change
   * or the facet marked deleted (undoing an earlier report), null for none.
   */
  lifecycleChange: string | null;
  /**
   * The state its `lifecycleStateChange` facet reports, one of the spec's,
   * as Marquez keeps it of each write; empty for none (no facet, one marked
   * deleted, or a value not in the spec).
   */
  lifecycleState: string;
};

/**
 * An event in the form the store projects: only what it reads, with every
 * facet already written back as text. It is made on a parser thread for
 * large bodies, so that the thread storing events neither parses payloads
 * again nor serializes their facets (see EventBodyParser).
 */
export type PreparedEvent = {
  kind: OpenLineageEventKind;
  eventTimeMs: number;
  /**
   * The validated event as JSON text (deflated, when prepared for SQLite),
   * and the key that tells duplicates: the text's hash.
   */
  payload: EventPayload;
  payloadHash: string;
  /** The length of the payload's text, deflated or not. */
  payloadLength: number;
  eventType?: string;
  /**
   * With the jobs its `parent` facet names as parent and root, if those
   * names fit the index.
   */
  run?: {
    runId: string;
    facets: FacetTexts;
    parentJob?: Named;
    rootJob?: Named;
    /** Its inputs and outputs are only part of the run's (lineageIncomplete). */
    lineageIncomplete?: true;
  };
  job?: Named & { facets: FacetTexts };
  dataset?: PreparedDataset;
  inputs: PreparedDataset[];
  outputs: PreparedDataset[];
};

/**
 * The prepared form of a parsed event; its payload deflated with
 * `deflatePayload`, as SQLite stores it (see EventPayload).
 */
export function prepareEvent(
  { kind, event, eventTimeMs, payload }: ParsedOpenLineageEvent,
  options: { deflatePayload?: boolean } = {},
): PreparedEvent {
  const { run, job, dataset } = event;
  const inputs = (event.inputs ?? []).map(input =>
    prepareDataset(input, 'inputStatistics'),
  );
  return {
    kind,
    eventTimeMs,
    payload: options.deflatePayload ? deflateEventPayload(payload) : payload,
    payloadHash: hashEventPayload(payload),
    payloadLength: payload.length,
    eventType: event.eventType ?? undefined,
    run: run && {
      runId: run.runId,
      facets: facetTexts(run.facets),
      parentJob: parentJobOf(run.facets?.parent),
      rootJob: rootJobOf(run.facets?.parent),
      ...(failedStatementsOf(reported(run.facets?.extractionError)) > 0
        ? { lineageIncomplete: true as const }
        : {}),
    },
    job: job && {
      namespace: job.namespace,
      name: job.name,
      facets: facetTexts(job.facets),
    },
    dataset: dataset && prepareDataset(dataset, 'outputStatistics'),
    inputs: inputs.concat(renamedFrom(event.outputs ?? [], inputs)),
    outputs: (event.outputs ?? []).map(output =>
      prepareDataset(output, 'outputStatistics'),
    ),
  };
}

export function facetTexts(
  facets: OpenLineageFacets | null | undefined,
): FacetTexts {
  const texts: FacetTexts = [];
  for (const [name, facet] of Object.entries(facets ?? {})) {
    if (isRecord(facet) && facet._deleted === true) {
      texts.push([name, null]);
    } else if (facet !== undefined && facet !== null) {
      // A facet of null is left out (see OpenLineageEvent), not stored.
      texts.push([name, JSON.stringify(facet)]);
    }
  }
  return texts;
}

/** The facet that says how many rows and bytes a run read, or wrote. */
type StatisticsFacet = 'inputStatistics' | 'outputStatistics';

function prepareDataset(
  dataset: OpenLineageDataset,
  statistics: StatisticsFacet,
): PreparedDataset {
  const { namespace, name, facets } = dataset;
  // Kept as reported, not as schemaFieldsOf reads it: schema versions give
  // it whole (descriptions, the producer's own keys). Readers use
  // schemaFieldsOf. The version is known by a hash of no key order, as a
  // relay may re-serialise the event.
  const fields = asRecord(reported(facets?.schema)).fields;
  const schema = Array.isArray(fields)
    ? schemaOf(JSON.stringify(fields), fields)
    : undefined;
  const stateChange = facets?.lifecycleStateChange;
  const change = lifecycleStateOf(reported(stateChange));
  const measurements = measurementsOf(dataset, statistics);
  return {
    namespace,
    name,
    facets: facetTexts(facets),
    schema,
    lineageInputs: columnLineageInputs(reported(facets?.columnLineage)),
    measurements: { ...measurements, schemaHash: schema?.hash ?? null },
    lifecycleChange:
      stateChange === undefined || stateChange === null
        ? null
        : lifecycleChangeOf(change),
    lifecycleState: change && LIFECYCLE_STATES.has(change) ? change : '',
  };
}

/**
 * The datasets that outputs were renamed from (a RENAME naming its
 * `previousIdentifier`), each once, as inputs of the renaming run, unless
 * it names them as inputs already, or as outputs, which would make the
 * run a cycle: their data is the output's now, so lineage reaches what
 * wrote them through the rename. Only the edge: the run reported nothing
 * of them.
 */
function renamedFrom(
  outputs: OpenLineageDataset[],
  inputs: PreparedDataset[],
): PreparedDataset[] {
  const named = new Set(inputs.map(namedKey));
  const written = new Set(outputs.map(namedKey));
  const renamed: PreparedDataset[] = [];
  for (const output of outputs) {
    const facet = reported(output.facets?.lifecycleStateChange);
    if (lifecycleStateOf(facet) !== 'RENAME') continue;
    const { namespace, name } = asRecord(asRecord(facet).previousIdentifier);
    const previous = indexableName(namespace, name);
    if (!previous || named.has(namedKey(previous))) continue;
    if (written.has(namedKey(previous))) continue;
    named.add(namedKey(previous));
    renamed.push({
      ...previous,
      facets: [],
      lineageInputs: [],
      measurements: {
        rowCount: null,
        byteCount: null,
        qualityMetrics: null,
        qualityAssertions: null,
        schemaHash: null,
      },
      lifecycleChange: null,
      lifecycleState: '',
    });
  }
  return renamed;
}

/** DROP and TRUNCATE, which may leave a dataset without data; else empty. */
function lifecycleChangeOf(change: string | undefined): string {
  return change === 'DROP' || change === 'TRUNCATE' ? change : '';
}

/**
 * Of all its facets, a later kind (input, output) over the dataset's own;
 * rows and bytes from `statistics`, those read of an input, written of an
 * output.
 */
function measurementsOf(
  dataset: OpenLineageDataset,
  statistics: StatisticsFacet,
): Omit<DatasetMeasurements, 'schemaHash'> {
  const facets = {
    ...asRecord(dataset.facets),
    ...asRecord(dataset.inputFacets),
    ...asRecord(dataset.outputFacets),
  };
  const stats = asRecord(reported(facets[statistics]));
  const metrics = reported(facets.dataQualityMetrics);
  const assertions =
    reported(facets.dataQualityAssertions) ??
    greatExpectationsAssertions(reported(facets.greatExpectations_assertions));
  return {
    rowCount: Number.isSafeInteger(stats.rowCount)
      ? (stats.rowCount as number)
      : null,
    byteCount: Number.isSafeInteger(stats.size) ? (stats.size as number) : null,
    qualityMetrics: metrics ? JSON.stringify(metrics) : null,
    qualityAssertions: assertions ? JSON.stringify(assertions) : null,
  };
}

/** A facet as it reports: one marked `_deleted` reports nothing. */
function reported(facet: unknown): unknown {
  return isRecord(facet) && facet._deleted === true ? undefined : facet;
}

/**
 * The assertions of Great Expectations' own facet (its OpenLineage action
 * sends it instead of `dataQualityAssertions`), in the standard facet's
 * shape: `expectationType` is the assertion; the column is `column`, or
 * `columnId` in older versions.
 */
function greatExpectationsAssertions(facet: unknown) {
  const { assertions } = asRecord(facet);
  if (!Array.isArray(assertions)) return undefined;
  return {
    assertions: assertions.map(item => {
      const { expectationType, success, column, columnId } = asRecord(item);
      const named = column ?? columnId;
      return {
        assertion: expectationType,
        success,
        ...(typeof named === 'string' ? { column: named } : {}),
      };
    }),
  };
}

/** The datasets a `columnLineage` facet reads, each once. */
export function columnLineageInputs(facet: unknown): Named[] {
  const lineage = asRecord(facet);
  const fieldInputs = Object.values(asRecord(lineage.fields)).flatMap(spec => {
    const inputFields = asRecord(spec).inputFields;
    return Array.isArray(inputFields) ? inputFields : [];
  });
  // Not pushed as arguments: a list may be longer than a call takes.
  const inputs = fieldInputs.concat(
    Array.isArray(lineage.dataset) ? lineage.dataset : [],
  );
  const found = new Map<string, Named>();
  for (const input of inputs) {
    const { namespace, name } = asRecord(input);
    const dataset = indexableName(namespace, name);
    if (dataset) found.set(namedKey(dataset), dataset);
  }
  return [...found.values()];
}

/**
 * Schema versions' hashes by the hash of their fields' text as reported: a
 * producer sends the same text every run, and hashing it costs less than
 * sorting its keys again.
 */
const schemaHashes = new ImmutableRowCache<string, string>(50_000);

function schemaOf(text: string, fields: unknown[]) {
  const reportedHash = createHash('sha256').update(text).digest('hex');
  let hash = schemaHashes.get(reportedHash);
  if (hash === undefined) {
    hash = schemaFieldsHash(fields);
    schemaHashes.addAll([[reportedHash, hash]]);
  }
  return { text, hash };
}
