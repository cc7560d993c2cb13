import {
  DATA_PRODUCT_API_VERSION,
  DATA_PRODUCT_KIND,
  DataProductEntityV1alpha1,
} from '../kinds';

/**
 * What a list of products shows of each: the fields the explorer reads from
 * the catalog, with output ports reduced to their names and datasets.
 */
export type DataProductListing = {
  apiVersion: typeof DATA_PRODUCT_API_VERSION;
  kind: typeof DATA_PRODUCT_KIND;
  metadata: {
    name: string;
    namespace?: string;
    title?: string;
    tags?: string[];
  };
  spec: Pick<
    DataProductEntityV1alpha1['spec'],
    'domain' | 'owner' | 'type' | 'tier' | 'lifecycle'
  > & {
    outputPorts: Array<
      Pick<
        DataProductEntityV1alpha1['spec']['outputPorts'][number],
        'name' | 'dataset'
      >
    >;
  };
};

/** The catalog fields a listing is made of, for `fields` in catalog queries. */
export const DATA_PRODUCT_LISTING_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.tags',
  'spec.domain',
  'spec.owner',
  'spec.type',
  'spec.tier',
  'spec.lifecycle',
  'spec.outputPorts',
];

export function dataProductListingOf(
  product: DataProductEntityV1alpha1,
): DataProductListing {
  const { name, namespace, title, tags } = product.metadata;
  const { domain, owner, type, tier, lifecycle, outputPorts } = product.spec;
  return {
    apiVersion: product.apiVersion,
    kind: product.kind,
    metadata: { name, namespace, title, tags },
    spec: {
      domain,
      owner,
      type,
      tier,
      lifecycle,
      outputPorts: (outputPorts ?? []).map(port => ({
        name: port.name,
        dataset: port.dataset,
      })),
    },
  };
}
