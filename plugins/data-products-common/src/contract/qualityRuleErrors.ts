import type { ContractError } from './ContractError';
import { isRecord } from './isRecord';

/** The metrics ODCS v3.1.0 defines for library rules. */
const ODCS_3_1_METRICS = [
  'nullValues',
  'missingValues',
  'invalidValues',
  'duplicateValues',
  'rowCount',
];

const RANGE_OPERATORS = ['mustBeBetween', 'mustNotBeBetween'];

/**
 * What the contract schema cannot say of quality rules, wherever they are
 * (the contract, a schema object, a property at any depth): a range lists
 * its smaller number first, as ODCS says, and a v3.1.0 library rule names
 * a metric ODCS defines. Measured SLOs read both: a reversed range would
 * breach on every measurement, an unknown metric would never be measured.
 * Expects a document whose structure is valid.
 */
export function qualityRuleErrors(
  doc: Record<string, unknown>,
): ContractError[] {
  const errors: ContractError[] = [];
  const checkRule = (rule: unknown, path: string) => {
    if (!isRecord(rule)) return;
    for (const operator of RANGE_OPERATORS) {
      const range = rule[operator];
      if (Array.isArray(range) && range[0] > range[1]) {
        errors.push({
          path: `${path}.${operator}`,
          message: `must list the smaller number first (found ${JSON.stringify(
            range,
          )})`,
        });
      }
    }
    const { metric } = rule;
    if (
      doc.apiVersion === 'v3.1.0' &&
      typeof metric === 'string' &&
      !ODCS_3_1_METRICS.includes(metric)
    ) {
      errors.push({
        path: `${path}.metric`,
        message: `must be one of ${ODCS_3_1_METRICS.join(
          ', ',
        )} in ODCS v3.1.0 (found ${JSON.stringify(metric)})`,
      });
    }
  };
  const visit = (node: unknown, path: string) => {
    if (!isRecord(node)) return;
    const at = (field: string) => `${path}${path ? '.' : ''}${field}`;
    if (Array.isArray(node.quality)) {
      node.quality.forEach((rule, i) =>
        checkRule(rule, `${at('quality')}[${i}]`),
      );
    }
    for (const list of ['schema', 'properties']) {
      const children = node[list];
      if (Array.isArray(children)) {
        children.forEach((child, i) => visit(child, `${at(list)}[${i}]`));
      }
    }
    visit(node.items, at('items'));
  };
  visit(doc, '');
  return errors;
}
