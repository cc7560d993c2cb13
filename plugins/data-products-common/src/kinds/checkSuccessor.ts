import { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';
import { deprecationOf } from './deprecationOf';
import { ReferencedEntity } from './checkDataProductReferences';
import { ValidationIssue } from './validateDataProductEntity';

/**
 * Checks that the product a deprecated product names as its successor
 * exists, looked up by normalized ref as `checkDataProductReferences` looks
 * up upstream products; kept apart from those, which scorecards judge as
 * the input ports' references.
 */
export function checkSuccessor(
  entity: DataProductEntityV1alpha1,
  options: {
    lookup: (ref: string) => ReferencedEntity | undefined;
    where: string;
  },
): ValidationIssue[] {
  const ref = deprecationOf(entity)?.successorRef;
  if (ref === undefined || options.lookup(ref)) {
    return [];
  }
  return [
    {
      path: 'spec.deprecation.successor',
      message: `${ref} is not ${options.where} (expected an existing DataProduct)`,
    },
  ];
}
