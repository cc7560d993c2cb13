export type {
  OpenLineageDataset,
  OpenLineageEvent,
  OpenLineageEventKind,
  OpenLineageFacets,
  OpenLineageJob,
  OpenLineageRun,
} from './OpenLineageEvent';
export { isUnstorable, parseOpenLineageEvent } from './parseOpenLineageEvent';
export { describeEventIssues } from './describeEventIssues';
export type {
  EventValidationIssue,
  ParsedOpenLineageEvent,
  ParseOpenLineageEventResult,
} from './parseOpenLineageEvent';
export { parseEventTime } from './parseEventTime';
export { parseQueryTime } from './parseQueryTime';
export { fitsUtf8Bytes } from './fitsUtf8Bytes';
export { countOf, failedStatementsOf } from './failedStatementsOf';
// Facet values are checked with the same test as contracts' maps.
export { isRecord } from '@meshwork/plugin-data-products-common';
export { schemaFieldsOf } from './schemaFieldsOf';
export type { SchemaFacetField } from './schemaFieldsOf';
export { EVENT_LIMITS } from './openLineageEventSchema';
