import type { Run } from '../api/types';

/**
 * When a run started: its START event's time, else its first event's if
 * before its end; undefined for a run reported by its end alone.
 */
export function runStartOf(
  run: Pick<Run, 'startedAt' | 'firstEventAt' | 'endedAt'>,
): string | undefined {
  if (run.startedAt) return run.startedAt;
  return run.endedAt && Date.parse(run.firstEventAt) >= Date.parse(run.endedAt)
    ? undefined
    : run.firstEventAt;
}
