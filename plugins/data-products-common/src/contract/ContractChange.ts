/**
 * `breaking`: consumers (or producers) following the old contract can fail.
 * `warning`: they may be affected, someone should look. `info`: harmless.
 */
export type ChangeSeverity = 'breaking' | 'warning' | 'info';

export type ContractChangeKind =
  | 'schema-object-added'
  | 'schema-object-removed'
  | 'property-added'
  | 'property-removed'
  | 'physical-name-changed'
  | 'logical-type-changed'
  | 'physical-type-changed'
  | 'made-required'
  | 'required-relaxed'
  | 'unique-added'
  | 'unique-removed'
  | 'primary-key-changed'
  | 'primary-key-reordered'
  | 'enum-narrowed'
  | 'enum-widened'
  | 'type-option-tightened'
  | 'type-option-loosened'
  | 'classification-changed'
  | 'quality-rule-added'
  | 'quality-rule-removed'
  | 'quality-rule-loosened'
  | 'quality-rule-changed'
  | 'sla-added'
  | 'sla-removed'
  | 'sla-weakened'
  | 'sla-changed'
  | 'server-added'
  | 'server-removed'
  | 'server-changed'
  | 'version-not-bumped'
  | 'major-version-not-bumped';

export interface ContractChange {
  kind: ContractChangeKind;
  severity: ChangeSeverity;
  /**
   * Where, by name rather than position (positions differ between the two
   * contracts): `orders` (a schema object), `orders.customer_id` (a
   * property), `orders.address.city` (nested), `orders.tags[]` (the items of
   * an array), `orders.customer_id.quality[nullValues]` (a quality rule),
   * `slaProperties.latency[orders.updated_at]` (an SLA, with the element it
   * applies to, if any, and its driver, if any), `servers.prod` (a server,
   * by its `server` name), `servers.prod.host` (one of its fields),
   * `version`.
   */
  path: string;
  /** A sentence for people saying what changed and why it matters. */
  message: string;
  before?: unknown;
  after?: unknown;
}
