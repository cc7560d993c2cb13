import type { DataProductSlos } from './DataProductEntityV1alpha1';
import { describeDuration } from './durations';
import { sloWindows } from './sloWindows';
import { formatShare } from './formatShare';

const METRIC_WORDS: Record<string, string> = {
  nullRate: 'null rate',
  duplicateRate: 'duplicate rate',
  rowCount: 'row count',
};

/** `7d` → "over the last 7 days"; `1w` → "over the last week". */
const overTheLast = (window: string) =>
  `over the last ${describeDuration(window).replace(/^1 /, '')}`;

/**
 * Declared SLOs in plain words, one sentence each, e.g. "Updated within 30
 * minutes, 99% of the time over the last 7 days." Empty when the product
 * declares none.
 */
export function describeSlos(slos: DataProductSlos | undefined): string[] {
  if (!slos) {
    return [];
  }
  const sentences: string[] = [];
  if (slos.freshness) {
    const { maxDelay, objective } = slos.freshness;
    sentences.push(
      `Updated within ${describeDuration(maxDelay)}${
        objective
          ? `, ${objective} of the time ${overTheLast(
              sloWindows(slos).freshness,
            )}`
          : ''
      }.`,
    );
  }
  if (slos.volume) {
    const { minRatio, maxRatio } = slos.volume;
    sentences.push(
      `Each load writes between ${formatShare(minRatio)} and ${formatShare(
        maxRatio,
      )} of the average row count ${overTheLast(sloWindows(slos).volume)}.`,
    );
  }
  for (const rule of slos.quality ?? []) {
    const metric = METRIC_WORDS[rule.metric] ?? rule.metric;
    const bounds = [
      rule.min !== undefined ? `at least ${rule.min}` : undefined,
      rule.max !== undefined ? `at most ${rule.max}` : undefined,
    ].filter(Boolean);
    const measured = rule.column ?? 'Each table';
    const column = rule.port ? `${measured} on port ${rule.port}` : measured;
    sentences.push(
      `${column}: ${metric} ${bounds.join(' and ') || 'is measured'}.`,
    );
  }
  if (slos.schema?.breakingChangeNotice) {
    sentences.push(
      `Breaking schema changes are announced ${describeDuration(
        slos.schema.breakingChangeNotice,
      )} ahead.`,
    );
  }
  return sentences;
}
