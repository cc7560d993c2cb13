/**
 * Ids by key for rows that are never deleted and whose key never changes,
 * so that a known name costs no query. Holds at most `maxEntries`, dropping
 * the oldest first. Only committed ids belong here: a rolled-back insert's
 * id would point at nothing.
 */
export class IdCache {
  private readonly ids = new Map<string, number>();

  constructor(private readonly maxEntries = 200_000) {}

  get(key: string): number | undefined {
    return this.ids.get(key);
  }

  addAll(entries: Iterable<[string, number]>) {
    for (const [key, id] of entries) {
      this.ids.set(key, id);
      if (this.ids.size > this.maxEntries) {
        this.ids.delete(this.ids.keys().next().value!);
      }
    }
  }
}
