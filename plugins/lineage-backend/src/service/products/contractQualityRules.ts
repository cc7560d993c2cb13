import {
  contractSchemaObject,
  type OutputPort,
} from '@meshwork/plugin-data-products-common';
import {
  type QualityRuleSpec,
  schemaQualityRules,
} from '@meshwork/plugin-lineage-common';

/**
 * The quality rules of the port's contract that lineage measures (see
 * schemaQualityRules, which governance reads too): the rest are left to
 * the tools that run them.
 */
export function contractQualityRules(port: OutputPort): QualityRuleSpec[] {
  const schema = contractSchemaObject(port);
  return (schema ? schemaQualityRules(schema) : []).flatMap(({ measured }) =>
    measured ? [measured] : [],
  );
}
