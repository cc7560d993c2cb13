import {
  countOf,
  failedStatementsOf,
  isRecord,
} from '@meshwork/plugin-lineage-common';
import type { Run } from '../api/types';

/** Longest error message shown: enough for a parser's, not a stack trace. */
const MESSAGE_MAX = 300;
/** Longest statement shown: its start names the tables it touches. */
const TASK_MAX = 160;

/**
 * What a run's `extractionError` facet says of the lineage its producer
 * could not extract: `failed` statements (at least one) of `total`, and
 * the first error's message and statement, cut short.
 */
export type ExtractionProblem = {
  failed: number;
  /** Omitted when not given, or fewer than the statements that failed. */
  total?: number;
  message?: string;
  task?: string;
};

const asObject = (value: unknown): Record<string, unknown> | undefined =>
  isRecord(value) ? value : undefined;

/** Text to show, at most `max` long, not cutting a character in two. */
function shortText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.length <= max) return text || undefined;
  return `${text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

/**
 * The lineage a run's producer could not extract (as Airflow's SQL
 * operators report statements they could not parse), or undefined when it
 * reported none. Facets are the producer's, so any field may be missing or
 * of another type.
 */
export function extractionProblemOf(
  run: Pick<Run, 'facets'>,
): ExtractionProblem | undefined {
  const facet = asObject(asObject(run.facets)?.extractionError);
  if (!facet) return undefined;
  const failed = failedStatementsOf(facet);
  if (failed === 0) return undefined;
  const errors = Array.isArray(facet.errors) ? facet.errors : [];
  const total = countOf(facet.totalTasks);
  const first = asObject(errors[0]);
  return {
    failed,
    total: total !== undefined && total >= failed ? total : undefined,
    message: shortText(first?.errorMessage, MESSAGE_MAX),
    task: shortText(first?.task, TASK_MAX),
  };
}

/** "Lineage incomplete: 1 of 3 statements could not be parsed". */
export function describeExtractionProblem({
  failed,
  total,
}: ExtractionProblem): string {
  const statements = (total ?? failed) === 1 ? 'statement' : 'statements';
  const counted = total === undefined ? `${failed}` : `${failed} of ${total}`;
  return `Lineage incomplete: ${counted} ${statements} could not be parsed`;
}
