import type { ContractChange } from './ContractChange';

/** Options that bound a value from above: lower is stricter. */
const UPPER_BOUNDS = [
  'maxLength',
  'maximum',
  'exclusiveMaximum',
  'maxItems',
  'maxProperties',
];
/** Options that bound a value from below: higher is stricter. */
const LOWER_BOUNDS = [
  'minLength',
  'minimum',
  'exclusiveMinimum',
  'minItems',
  'minProperties',
];
/** Options a value must match: any new one is stricter. */
const SHAPES = ['pattern', 'format'];

/**
 * Changes to a property's type constraints (ODCS `logicalTypeOptions`;
 * `enum` is compared as allowed values). As for allowed values, a stricter
 * constraint is breaking (data that was valid no longer is), a looser one
 * a warning (consumers may get values they do not handle).
 */
export function diffTypeOptions(
  before: Record<string, unknown> = {},
  after: Record<string, unknown> = {},
  path: string,
): ContractChange[] {
  const changes: ContractChange[] = [];
  const change = (option: string, stricter: boolean) => {
    const was = before[option];
    const is = after[option];
    changes.push({
      kind: stricter ? 'type-option-tightened' : 'type-option-loosened',
      severity: stricter ? 'breaking' : 'warning',
      path,
      message: `${option} changed from ${
        was === undefined ? 'none' : JSON.stringify(was)
      } to ${is === undefined ? 'none' : JSON.stringify(is)}: ${
        stricter
          ? 'values valid before may no longer be'
          : 'consumers may get values they do not handle'
      }.`,
      before: was,
      after: is,
    });
  };
  const bounds: Array<[string[], (was: number, is: number) => boolean]> = [
    [UPPER_BOUNDS, (was, is) => is < was],
    [LOWER_BOUNDS, (was, is) => is > was],
  ];
  for (const [options, tighter] of bounds) {
    for (const option of options) {
      const was = before[option];
      const is = after[option];
      if (was === is) continue;
      if (typeof is !== 'number') {
        if (typeof was === 'number') change(option, false);
      } else if (typeof was !== 'number' || tighter(was, is)) {
        change(option, true);
      } else {
        change(option, false);
      }
    }
  }
  for (const option of SHAPES) {
    const was = before[option];
    const is = after[option];
    if (JSON.stringify(was) === JSON.stringify(is)) continue;
    change(option, is !== undefined);
  }
  return changes;
}
