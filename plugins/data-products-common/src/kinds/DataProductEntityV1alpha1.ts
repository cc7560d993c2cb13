import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';

/** The apiVersion and kind of a data product entity. */
export const DATA_PRODUCT_API_VERSION = 'meshwork.dev/v1alpha1';
export const DATA_PRODUCT_KIND = 'DataProduct';

/** How consumers reach the data: the OpenLineage identity of a dataset. */
export type DatasetIdentity = {
  namespace: string;
  name: string;
};

export type OutputPortType = 'table' | 'view' | 'topic' | 'file' | 'api';

export type OutputPort = {
  name: string;
  type: OutputPortType;
  description?: string;
  dataset: DatasetIdentity;
  /** An ODCS v3 document inline, or a path relative to the entity's file. */
  contract?: string | JsonObject;
  /** Set by the catalog: where a contract given as a path was read from. */
  contractSource?: string;
};

/**
 * Either another product's output port (`from`) or a dataset by its
 * OpenLineage identity, which may be another product's output port too.
 */
export type InputPort = {
  name: string;
  description?: string;
  /** `dataproduct:<namespace>/<name>#<output port>` */
  from?: string;
  dataset?: DatasetIdentity;
};

export type DataProductSlos = {
  freshness?: {
    maxDelay: string;
    objective?: string;
    /** What `objective` is measured over; `volume.window`, else 7 days, if not given. */
    window?: string;
  };
  volume?: { minRatio: number; maxRatio: number; window?: string };
  quality?: Array<{
    /** The output port whose table the rule checks; every port's if not given. */
    port?: string;
    /** The column measured: given for nullRate and duplicateRate; rowCount's is the table's. */
    column?: string;
    metric: 'nullRate' | 'duplicateRate' | 'rowCount';
    max?: number;
    min?: number;
  }>;
  schema?: { breakingChangeNotice?: string };
};

export type DataProductSupport = {
  runbook?: string;
  oncall?: {
    provider: 'pagerduty' | 'opsgenie' | 'slack' | 'email' | 'other';
    id?: string;
    contact: string;
  };
  channels?: Array<{ type: 'slack' | 'teams' | 'email' | 'url'; url: string }>;
};

/** What replaces a deprecated product and when it goes away; at least one field. */
export type DataProductDeprecation = {
  /** The DataProduct replacing this one: `dataproduct:[<namespace>/]<name>`. */
  successor?: string;
  /** The last day the product is served, `YYYY-MM-DD`; it is removed after it. */
  sunset?: string;
  reason?: string;
};

export interface DataProductEntityV1alpha1 extends Entity {
  apiVersion: typeof DATA_PRODUCT_API_VERSION;
  kind: typeof DATA_PRODUCT_KIND;
  spec: {
    domain: string;
    owner: string;
    lifecycle: 'experimental' | 'production' | 'deprecated';
    type: 'source-aligned' | 'aggregate' | 'consumer-aligned';
    tier: 1 | 2 | 3;
    version: string;
    outputPorts: OutputPort[];
    inputPorts?: InputPort[];
    slos?: DataProductSlos;
    support?: DataProductSupport;
    /** Only when `lifecycle` is `deprecated`. */
    deprecation?: DataProductDeprecation;
  };
}

export function isDataProductEntity(
  entity: Entity,
): entity is DataProductEntityV1alpha1 {
  return (
    entity.apiVersion === DATA_PRODUCT_API_VERSION &&
    entity.kind === DATA_PRODUCT_KIND
  );
}
