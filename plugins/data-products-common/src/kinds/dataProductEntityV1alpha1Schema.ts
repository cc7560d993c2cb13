import { JsonObject } from '@backstage/types';
import schema from './DataProduct.v1alpha1.schema.json';

/**
 * The JSON schema of the DataProduct kind. Typed here rather than re-exported
 * from the JSON file: tsc emits no declaration for a JSON module, so the
 * package's bundled types could not resolve one.
 */
export const dataProductEntityV1alpha1Schema: JsonObject = schema;
