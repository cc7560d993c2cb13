import {
  DATA_PRODUCT_API_VERSION,
  DATA_PRODUCT_KIND,
  DataProductEntityV1alpha1,
} from '../kinds';

/**
 * What a list of products shows of each: the fields the explorer reads from
 * the catalog, with output ports reduced to their names (and, in the search
 * index's lists, datasets), never their contracts.
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
    /** Up to LISTED_PORTS_MAX + 1 from the catalog: see listedPortCount. */
    outputPorts: Array<
      Pick<OutputPort, 'name'> & Partial<Pick<OutputPort, 'dataset'>>
    >;
  };
};

type OutputPort = DataProductEntityV1alpha1['spec']['outputPorts'][number];

/** The most output ports a listing from the catalog counts. */
export const LISTED_PORTS_MAX = 50;

/**
 * The catalog fields a listing is made of, for `fields` in catalog queries.
 * Not `spec.outputPorts`, whose contracts can be megabytes a page: the
 * catalog's `fields` reach an array's items by index only (a path through
 * the array, `spec.outputPorts.name`, selects nothing), so each port's name
 * up to one past LISTED_PORTS_MAX, enough to tell that there are more.
 */
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
  ...Array.from(
    { length: LISTED_PORTS_MAX + 1 },
    (_, index) => `spec.outputPorts.${index}.name`,
  ),
];

/** How many output ports a listing has; past LISTED_PORTS_MAX, e.g. `50+`. */
export function listedPortCount(listing: Pick<DataProductListing, 'spec'>) {
  const count = listing.spec.outputPorts?.length ?? 0;
  return count > LISTED_PORTS_MAX ? `${LISTED_PORTS_MAX}+` : String(count);
}

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
