/**
 * Values by key for rows that are never deleted and whose key and value
 * never change (a dataset's id by its name, its name by its id), so that a
 * known one costs no query. Holds at most `maxEntries`, dropping the oldest
 * first. Only committed rows belong here: a rolled-back insert's id would
 * point at nothing.
 */
export class ImmutableRowCache<K, V> {
  private readonly values = new Map<K, V>();

  constructor(private readonly maxEntries = 200_000) {}

  get(key: K): V | undefined {
    return this.values.get(key);
  }

  addAll(entries: Iterable<[K, V]>) {
    for (const [key, value] of entries) {
      this.values.set(key, value);
      if (this.values.size > this.maxEntries) {
        this.values.delete(this.values.keys().next().value!);
      }
    }
  }
}
