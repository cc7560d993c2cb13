/** A dataset's id, or a job's id negated: ids start at 1. */
export type Key = number;

export function keyOf(type: 'dataset' | 'job', id: number): Key {
  return type === 'dataset' ? id : -id;
}

export function idOf(key: Key): number {
  return Math.abs(key);
}

export function isDataset(key: Key): boolean {
  return key > 0;
}
