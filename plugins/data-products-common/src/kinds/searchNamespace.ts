import { foldForSearch } from './foldForSearch';

/**
 * A dataset namespace as search compares it: folded, and Hadoop's `s3a://`
 * and `s3n://` (as Spark's errors and some ports name a bucket) as the
 * `s3://` OpenLineage reports, so that either finds the other.
 */
export function searchNamespace(namespace: string): string {
  return foldForSearch(namespace).replace(/^s3[an]:\/\//, 's3://');
}
