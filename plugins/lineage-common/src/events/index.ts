export type {
  OpenLineageDataset,
  OpenLineageEvent,
  OpenLineageEventKind,
  OpenLineageFacets,
  OpenLineageJob,
  OpenLineageRun,
} from './OpenLineageEvent';
export { parseOpenLineageEvent } from './parseOpenLineageEvent';
export type {
  EventValidationIssue,
  ParsedOpenLineageEvent,
  ParseOpenLineageEventResult,
} from './parseOpenLineageEvent';
export { parseEventTime } from './parseEventTime';
export { fitsUtf8Bytes } from './utf8Length';
export { EVENT_LIMITS } from './openLineageEventSchema';
