import type { ContractChange } from './ContractChange';
import type { LogicalType } from './DataContract';
import { BOUND_KEYS, isTighterBound, valueBoundOf } from './valueBound';

/** Options that bound a size from above: lower is stricter. */
const UPPER_SIZES = ['maxLength', 'maxItems', 'maxProperties'];
/** Options that bound a size from below: higher is stricter. */
const LOWER_SIZES = ['minLength', 'minItems', 'minProperties'];
/** Options a value must match: any new one is stricter. */
const SHAPES = ['pattern', 'format'];
/** Options whose every change may turn valid values invalid. */
const MEANINGS = ['timezone', 'defaultTimezone'];

/**
 * Whether a number format was only widened: an integer to more bits (`i32`
 * to `i64`), unsigned to signed of more bits (`u16` to `i32`), or `f32` to
 * `f64`; ODCS follows Rust's integer types.
 */
function widened(was: unknown, is: unknown) {
  const [from, to] = [was, is].map(format =>
    /^([iuf])(\d+)$/.exec(String(format)),
  );
  if (!from || !to) return false;
  const [fromKind, fromBits] = [from[1], Number(from[2])];
  const [toKind, toBits] = [to[1], Number(to[2])];
  return (
    toBits > fromBits &&
    (toKind === fromKind || (fromKind === 'u' && toKind === 'i'))
  );
}

/**
 * Changes to a property's type constraints (ODCS `logicalTypeOptions`;
 * `enum` is compared as allowed values). As for allowed values, a stricter
 * constraint is breaking (data that was valid no longer is), a looser one
 * a warning (consumers may get values they do not handle). The logical
 * types, before and after, say how text bounds read (dates or not).
 */
export function diffTypeOptions(
  before: Record<string, unknown> = {},
  after: Record<string, unknown> = {},
  path: string,
  [wasType, isType]: [LogicalType | undefined, LogicalType | undefined],
): ContractChange[] {
  const changes: ContractChange[] = [];
  const report = (
    stricter: boolean,
    what: string,
    [was, is]: [unknown, unknown],
    [wasText, isText]: [string, string],
  ) =>
    changes.push({
      kind: stricter ? 'type-option-tightened' : 'type-option-loosened',
      severity: stricter ? 'breaking' : 'warning',
      path,
      message: `${what} changed from ${wasText} to ${isText}: ${
        stricter
          ? 'values valid before may no longer be'
          : 'consumers may get values they do not handle'
      }.`,
      before: was,
      after: is,
    });
  const written = (value: unknown) =>
    value === undefined ? 'none' : JSON.stringify(value);
  const change = (option: string, stricter: boolean) =>
    report(
      stricter,
      option,
      [before[option], after[option]],
      [written(before[option]), written(after[option])],
    );
  for (const [options, upper] of [
    [UPPER_SIZES, true],
    [LOWER_SIZES, false],
  ] as const) {
    for (const option of options) {
      const was = before[option];
      const is = after[option];
      if (was === is) continue;
      // A bound removed loosens, a new one tightens; one that cannot be
      // compared with the old may reject what the old allowed.
      const tighter =
        typeof was !== 'number' ||
        typeof is !== 'number' ||
        (upper ? is < was : is > was);
      change(option, is !== undefined && tighter);
    }
  }
  for (const side of ['upper', 'lower'] as const) {
    const was = valueBoundOf(before, side, wasType);
    const is = valueBoundOf(after, side, isType);
    const keys = BOUND_KEYS[side];
    // As written: a value that is no number or date is shown as it is.
    const text = (bound: typeof was, options: Record<string, unknown>) => {
      if (bound === undefined) return 'none';
      if (bound !== 'unreadable') return bound.text;
      return keys
        .filter(key => options[key] !== undefined)
        .map(key => `${key} ${JSON.stringify(options[key])}`)
        .join(', ');
    };
    let stricter: boolean | undefined;
    if (was === 'unreadable' || is === 'unreadable') {
      const same = keys.every(
        key => JSON.stringify(before[key]) === JSON.stringify(after[key]),
      );
      stricter = same ? undefined : true;
    } else if (!was || !is) {
      stricter = was === is ? undefined : is !== undefined;
    } else if (isTighterBound(is, was, side)) {
      stricter = true;
    } else if (isTighterBound(was, is, side)) {
      stricter = false;
    }
    if (stricter !== undefined) {
      report(
        stricter,
        `${side === 'lower' ? 'Lower' : 'Upper'} bound`,
        [text(was, before), text(is, after)],
        [text(was, before), text(is, after)],
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
