import {
  DataProductEntityV1alpha1,
  OPENLINEAGE_JOBS_ANNOTATION,
} from '@meshwork/plugin-data-products-common';

/** Where the test products' output ports live. */
export const PRODUCT_NAMESPACE = 'postgres://warehouse:5432';

/**
 * A data product in the default namespace, with one table output port named
 * after it (`mart.<name>`) unless `spec` says otherwise.
 */
export function dataProduct(
  name: string,
  spec: Partial<DataProductEntityV1alpha1['spec']> = {},
): DataProductEntityV1alpha1 {
  return {
    apiVersion: 'meshwork.dev/v1alpha1',
    kind: 'DataProduct',
    metadata: { name, namespace: 'default' },
    spec: {
      domain: 'sales',
      owner: 'group:default/sales',
      lifecycle: 'production',
      type: 'aggregate',
      tier: 1,
      version: '1.0.0',
      outputPorts: [
        {
          name,
          type: 'table',
          dataset: { namespace: PRODUCT_NAMESPACE, name: `mart.${name}` },
        },
      ],
      ...spec,
    },
  };
}

/** `product` naming `jobs` in its `meshwork.dev/openlineage-jobs` annotation. */
export function namingJobs(
  product: DataProductEntityV1alpha1,
  jobs: string,
): DataProductEntityV1alpha1 {
  return {
    ...product,
    metadata: {
      ...product.metadata,
      annotations: { [OPENLINEAGE_JOBS_ANNOTATION]: jobs },
    },
  };
}

/** A `parent` run facet naming the run `runId` of the Airflow job `job`. */
export function airflowParentFacet(job: string, runId: string) {
  return {
    parent: {
      _producer: 'https://example.com/test',
      _schemaURL:
        'https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json',
      job: { namespace: 'airflow', name: job },
      run: { runId },
    },
  };
}
