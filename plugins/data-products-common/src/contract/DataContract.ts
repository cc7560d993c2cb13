/**
 * A typed model of an Open Data Contract Standard (ODCS) v3 data contract,
 * covering v3.0.x and v3.1.0. It holds what Meshwork reads (schema, quality,
 * SLAs, support, team); every field it does not model is kept, unchanged,
 * in the `extensions` of the element it was found on, so nothing is lost.
 */

/** ODCS versions Meshwork reads. v2 contracts have another shape entirely. */
export const odcsApiVersions = [
  'v3.0.0',
  'v3.0.1',
  'v3.0.2',
  'v3.1.0',
] as const;

export type OdcsApiVersion = (typeof odcsApiVersions)[number];

/** ODCS logical types: v3.0.x's list plus `timestamp` and `time` from v3.1.0. */
export const odcsLogicalTypes = [
  'string',
  'date',
  'timestamp',
  'time',
  'number',
  'integer',
  'object',
  'array',
  'boolean',
] as const;

export type LogicalType = (typeof odcsLogicalTypes)[number];

/** Fields found in the source but not modelled here, keyed as in the source. */
export type Extensions = Record<string, unknown>;

export interface DataContract {
  apiVersion: OdcsApiVersion;
  kind: 'DataContract';
  id: string;
  name?: string;
  version: string;
  status: string;
  domain?: string;
  dataProduct?: string;
  tenant?: string;
  tags: string[];
  description?: ContractDescription;
  /** Datasets (tables, topics, files…) the contract describes; empty when none. */
  schema: SchemaObject[];
  /** Element the SLAs apply to when an SLA names none (deprecated in v3.1.0). */
  slaDefaultElement?: string;
  slaProperties: SlaProperty[];
  support: SupportChannel[];
  /** Both the v3.0.x list of members and the v3.1.0 team object. */
  team?: Team;
  /** Top-level fields not modelled (servers, roles, price, customProperties…). */
  extensions: Extensions;
}

export interface ContractDescription {
  purpose?: string;
  usage?: string;
  limitations?: string;
  extensions: Extensions;
}

export interface SchemaObject {
  /** Stable id (v3.1.0). */
  id?: string;
  name: string;
  physicalName?: string;
  /** Always `object` when given. */
  logicalType?: 'object';
  /** e.g. `table`, `view`, `topic`, `file`. */
  physicalType?: string;
  businessName?: string;
  description?: string;
  tags: string[];
  properties: SchemaProperty[];
  quality: QualityRule[];
  extensions: Extensions;
}

/** What a column, a field or the items of an array are; see {@link SchemaProperty}. */
export interface PropertyDefinition {
  /** Stable id (v3.1.0). */
  id?: string;
  /** Optional only for the `items` of an array. */
  name?: string;
  physicalName?: string;
  logicalType?: LogicalType;
  /** Type in the data store, e.g. `varchar(32)`. */
  physicalType?: string;
  businessName?: string;
  description?: string;
  /** ODCS default: false. */
  required: boolean;
  /** ODCS default: false. */
  unique: boolean;
  /** ODCS default: false. */
  primaryKey: boolean;
  /** 1-based position in a composite key; ODCS uses -1 for none. */
  primaryKeyPosition?: number;
  /** Free text in ODCS, e.g. `public`, `internal`, `restricted`, `pii`. */
  classification?: string;
  tags: string[];
  /**
   * Whether the values are personal data: the classification is `pii`, or
   * the property's own tags include `pii` (both case-insensitive). Tags on
   * the schema object or the contract do not count: they say the dataset
   * holds personal data somewhere, not that this property is.
   */
  isPii: boolean;
  /** Type-specific constraints, e.g. `maxLength`, `format`, `minimum`. */
  logicalTypeOptions?: Record<string, unknown>;
  /**
   * The values allowed, when the contract lists them: `logicalTypeOptions.enum`
   * if present, else the `validValues` of its quality rules (ODCS v3.1.0
   * puts them in `arguments.validValues`, earlier contracts on the rule).
   */
  allowedValues?: unknown[];
  examples: unknown[];
  quality: QualityRule[];
  /** Fields of an `object`. */
  properties: SchemaProperty[];
  /** What each element of an `array` is. */
  items?: PropertyDefinition;
  extensions: Extensions;
}

export interface SchemaProperty extends PropertyDefinition {
  name: string;
}

/** `library` (a named metric), `sql` (a query), `custom` (an engine's own rule) or `text`. */
export type QualityRuleType = 'library' | 'sql' | 'custom' | 'text';

export interface QualityRule {
  /** Stable id (v3.1.0). */
  id?: string;
  name?: string;
  /** ODCS default: `library`. */
  type?: QualityRuleType;
  /** Library metric (v3.1.0), e.g. `nullValues`, `rowCount`. */
  metric?: string;
  /** Library rule name (v3.0.x; deprecated in favour of `metric`). */
  rule?: string;
  /** e.g. `completeness`, `accuracy`, `uniqueness`. */
  dimension?: string;
  /** e.g. `info`, `warning`, `error`. */
  severity?: string;
  description?: string;
  /** SQL whose result the thresholds apply to. */
  query?: string;
  /** Engine running a `custom` rule, e.g. `soda`. */
  engine?: string;
  /** e.g. `rows`, `percent`. */
  unit?: string;
  thresholds: QualityThresholds;
  extensions: Extensions;
}

/** The comparison a rule's result must pass; usually one of them is set. */
export interface QualityThresholds {
  mustBe?: unknown;
  mustNotBe?: unknown;
  mustBeGreaterThan?: number;
  mustBeGreaterOrEqualTo?: number;
  mustBeLessThan?: number;
  mustBeLessOrEqualTo?: number;
  mustBeBetween?: [number, number];
  mustNotBeBetween?: [number, number];
}

export interface SlaProperty {
  /** Stable id (v3.1.0). */
  id?: string;
  /** e.g. `latency`, `frequency`, `retention`, `availability`, `timeOfAvailability`. */
  property: string;
  value: string | number | boolean | null;
  /** A second value, e.g. the upper end of a range. */
  valueExt?: unknown;
  /** Unit of `value`, e.g. `d`, `days`, `h`, `y`, `percent`. */
  unit?: string;
  /** Element the SLA applies to, in element notation, e.g. `orders.updated_at`. */
  element?: string;
  /** Why it matters, e.g. `regulatory`, `analytics`, `operational`. */
  driver?: string;
  description?: string;
  extensions: Extensions;
}

export interface SupportChannel {
  /** e.g. `#orders-help`, or a mailing list name. */
  channel: string;
  /** e.g. `slack`, `email`, `teams`. */
  tool?: string;
  /** e.g. `interactive`, `announcements`, `issues`. */
  scope?: string;
  url?: string;
  description?: string;
  extensions: Extensions;
}

export interface Team {
  /** Only in the v3.1.0 object form. */
  name?: string;
  /** Only in the v3.1.0 object form. */
  description?: string;
  members: TeamMember[];
  extensions: Extensions;
}

export interface TeamMember {
  username?: string;
  name?: string;
  role?: string;
  description?: string;
  /** ISO date the member joined, e.g. `2022-08-02`. */
  dateIn?: string;
  dateOut?: string;
  replacedByUsername?: string;
  extensions: Extensions;
}
