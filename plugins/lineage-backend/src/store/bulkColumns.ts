import { BulkColumn } from './bulkRows';

/** Columns of the lineage tables as written in bulk (see migrations/). */
const columns = (...specs: string[]): BulkColumn[] =>
  specs.map(spec => {
    const [name, type] = spec.split(':');
    if (type === 'long') {
      return { name, type: 'text', long: true };
    }
    return { name, type: (type ?? 'text') as BulkColumn['type'] };
  });

export const EVENT_COLUMNS = columns(
  'event_hash',
  'kind',
  'event_type',
  'event_time:bigint',
  'received_at:bigint',
  'run_id',
  'job_namespace',
  'job_name',
  'payload:long',
);

export const NAMESPACE_COLUMNS = columns('name', 'created_at:bigint');

export const NAME_COLUMNS = columns('namespace', 'name');

export const ENTITY_COLUMNS = columns(
  'namespace',
  'name',
  'facets',
  'created_at:bigint',
);

export const FACET_UPDATE_COLUMNS = columns('id:integer', 'facets:long');

/** Facets with the type their type facet declares (see marquezTypes). */
export const TYPED_FACET_UPDATE_COLUMNS = columns(
  'id:integer',
  'facets:long',
  'marquez_type',
);

export const FACET_TIMES_COLUMNS = columns(
  'id:integer',
  'facet_times',
  'updated_at:bigint',
);

export const SCHEMA_FIELDS_COLUMNS = columns('fields_hash', 'fields');

export const SCHEMA_VERSION_COLUMNS = columns(
  'dataset_id:integer',
  'fields_hash',
  'first_seen:bigint',
  'last_seen:bigint',
);

export const COLUMN_EDGE_COLUMNS = columns(
  'dataset_id:integer',
  'field',
  'input_dataset_id:integer',
  'input_field',
  'transformations',
);

export const DATASET_FIELD_COLUMNS = columns(
  'dataset_id:integer',
  'field',
  'type',
);

export const SYMLINK_COLUMNS = columns(
  'dataset_id:integer',
  'namespace',
  'name',
  'type',
);

export const RUN_COLUMNS = columns(
  'run_id',
  'job_id:integer',
  'state',
  'state_time:bigint',
  'started_at:bigint',
  'ended_at:bigint',
  'active_time:bigint',
  'first_event_time:bigint',
  'last_event_time:bigint',
  'listing_time:bigint',
  'error_message',
  'parent_run_id',
  'parent_job_id:integer',
  'root_job_id:integer',
  'facets',
  'facet_times',
  'created_at:bigint',
  'updated_at:bigint',
);

export const IO_COLUMNS = columns(
  'dataset_id:integer',
  'direction',
  'job_id:integer',
  'first_seen:bigint',
  'last_seen:bigint',
  'complete_seen:bigint',
);

/**
 * Run measurements, each with a `<name>_time` column: each comes from the
 * newest event that reported it.
 */
export const RUN_IO_MEASUREMENTS = [
  'row_count',
  'byte_count',
  'quality_metrics',
  'quality_assertions',
  'schema_hash',
  'lifecycle_change',
  'lifecycle_state',
] as const;

/** Of RUN_IO_MEASUREMENTS, those kept as text (JSON, a hash): the rest are counts. */
export const RUN_IO_TEXT_MEASUREMENTS = new Set<string>([
  'quality_metrics',
  'quality_assertions',
  'schema_hash',
  'lifecycle_change',
  'lifecycle_state',
]);

export const RUN_IO_COLUMNS = columns(
  'run_id',
  'dataset_id:integer',
  'direction',
  'event_time:bigint',
  'row_count:bigint',
  'byte_count:bigint',
  'quality_metrics',
  'quality_assertions',
  'row_count_time:bigint',
  'byte_count_time:bigint',
  'quality_metrics_time:bigint',
  'quality_assertions_time:bigint',
  'schema_hash',
  'schema_hash_time:bigint',
  'written_until:bigint',
  'lifecycle_change',
  'lifecycle_change_time:bigint',
  'lifecycle_state',
  'lifecycle_state_time:bigint',
);
