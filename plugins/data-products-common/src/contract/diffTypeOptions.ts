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
/** Options whose every change may turn valid values invalid. */
const MEANINGS = ['timezone', 'defaultTimezone'];
/** ODCS number formats, narrowest first: a wider one only loosens. */
const FORMAT_WIDTHS = [
  ['i32', 'i64'],
  ['f32', 'f64'],
];

/**
 * Whether bound `is` is tighter than `was` (`upper`: lower is tighter), or
 * undefined when the two cannot be compared: numbers, or ISO dates and
 * times as ODCS writes them for date and timestamp bounds.
 */
function isTighter(was: unknown, is: unknown, upper: boolean) {
  const comparable =
    (typeof was === 'number' && typeof is === 'number') ||
    (typeof was === 'string' &&
      typeof is === 'string' &&
      was.length === is.length);
  if (!comparable) return undefined;
  return upper ? is < was : is > was;
}

/** Whether a number format was only widened (`i32` to `i64`, say). */
const widened = (was: unknown, is: unknown) =>
  FORMAT_WIDTHS.some(
    widths =>
      widths.indexOf(String(was)) >= 0 &&
      widths.indexOf(String(is)) > widths.indexOf(String(was)),
  );

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
  for (const [options, upper] of [
    [UPPER_BOUNDS, true],
    [LOWER_BOUNDS, false],
  ] as const) {
    for (const option of options) {
      const was = before[option];
      const is = after[option];
      if (was === is) continue;
      // A bound removed loosens, a new one tightens; one that cannot be
      // compared with the old may reject what the old allowed.
      if (is === undefined) change(option, false);
      else
        change(
          option,
          was === undefined || isTighter(was, is, upper) !== false,
        );
    }
  }
  for (const option of SHAPES) {
    const was = before[option];
    const is = after[option];
    if (JSON.stringify(was) === JSON.stringify(is)) continue;
    change(option, is !== undefined && !widened(was, is));
  }
  for (const option of MEANINGS) {
    if (JSON.stringify(before[option]) !== JSON.stringify(after[option])) {
      change(option, true);
    }
  }
  if (before.uniqueItems !== after.uniqueItems) {
    change('uniqueItems', after.uniqueItems === true);
  }
  const [wasStep, isStep] = [before.multipleOf, after.multipleOf];
  if (wasStep !== isStep) {
    // Multiples of the new step are all multiples of the old one only when
    // the new step is itself a multiple of it.
    const ratio =
      typeof wasStep === 'number' && typeof isStep === 'number'
        ? wasStep / isStep
        : NaN;
    const tighter = !(Math.abs(ratio - Math.round(ratio)) < 1e-9);
    change('multipleOf', isStep !== undefined && tighter);
  }
  const required = (options: Record<string, unknown>) =>
    new Set(
      Array.isArray(options.required) ? options.required.map(String) : [],
    );
  const [wasRequired, isRequired] = [required(before), required(after)];
  const added = [...isRequired].filter(name => !wasRequired.has(name));
  const dropped = [...wasRequired].filter(name => !isRequired.has(name));
  if (added.length > 0 || dropped.length > 0) {
    change('required', added.length > 0);
  }
  return changes;
}
