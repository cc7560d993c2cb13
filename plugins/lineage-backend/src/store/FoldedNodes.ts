import type { Key } from './keyOf';
import type { SymlinkFold } from './symlinkFolds';

/**
 * The nodes a walk shows datasets known by several names as (see
 * symlinkFolds): each fold is one node, the walk's root when it is one of
 * the fold's datasets, else (or with no root) the fold's primary.
 */
export class FoldedNodes {
  private readonly folded = new Map<Key, Key>();
  private readonly members = new Map<Key, number[]>();
  /** The datasets whose fold has been looked up. */
  readonly lookedUp = new Set<number>();

  constructor(private readonly rootKey?: Key) {}

  /** Whether no dataset has been folded into another's node. */
  get none(): boolean {
    return this.folded.size === 0;
  }

  /**
   * The node `key` is shown as: followed to the node a fold joined later
   * went into, and the way there shortened.
   */
  readonly nodeOf = (key: Key): Key => {
    const into = this.folded.get(key);
    if (into === undefined) return key;
    const last = this.nodeOf(into);
    if (last !== into) this.folded.set(key, last);
    return last;
  };

  /** The datasets the nodes of `keys` stand for, each once. */
  membersOf(keys: Key[]): Key[] {
    return this.members.size === 0
      ? keys
      : [...new Set(keys.flatMap(key => this.members.get(key) ?? [key]))];
  }

  /**
   * The other datasets each node of `shown` that stands for several does
   * (of the folds alone, not every node shown).
   */
  othersOf(shown: ReadonlyMap<Key, unknown>): Map<Key, Key[]> {
    const others = new Map<Key, Key[]>();
    for (const [key, members] of this.members) {
      if (!shown.has(key)) continue;
      others.set(
        key,
        members.filter(id => id !== key),
      );
    }
    return others;
  }

  /**
   * Makes a fold one node: that node, and the nodes it joined earlier,
   * which join it whole and are never shown again (what the walk holds of
   * them is to follow).
   */
  join(fold: SymlinkFold): { node: Key; joined: Key[] } {
    const into = this.nodeOf(
      this.rootKey !== undefined && fold.members.includes(this.rootKey)
        ? this.rootKey
        : fold.primary,
    );
    const members = new Set(this.members.get(into) ?? [into]);
    const joined: Key[] = [];
    for (const member of fold.members) {
      this.lookedUp.add(member);
      const from = this.nodeOf(member);
      (this.members.get(from) ?? [member]).forEach(id => members.add(id));
      members.add(member);
      if (from === into) continue;
      this.folded.set(from, into);
      this.folded.set(member, into);
      this.members.delete(from);
      joined.push(from);
    }
    this.members.set(into, [...members]);
    return { node: into, joined };
  }
}
