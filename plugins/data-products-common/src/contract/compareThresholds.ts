import type { QualityThresholds } from './DataContract';

/*
 * Compares two quality thresholds as the set of results each accepts: if the
 * new set holds the old one and more, the rule was loosened. Operators are
 * read as an interval of accepted results (`mustNotBe…` as an interval of
 * rejected ones).
 */

interface Bound {
  value: number;
  inclusive: boolean;
}

interface Interval {
  low: Bound;
  high: Bound;
  /** The interval lists the results rejected rather than accepted. */
  rejected: boolean;
}

const OPEN = { value: Infinity, inclusive: false };
const NEG_OPEN = { value: -Infinity, inclusive: false };

function exactly(value: number): Bound {
  return { value, inclusive: true };
}

function above(value: number): Bound {
  return { value, inclusive: false };
}

function interval(low: Bound, high: Bound, rejected = false): Interval {
  return { low, high, rejected };
}

/** The accepted (or rejected) results, or undefined when not numeric. */
function toInterval(t: QualityThresholds): Interval | undefined {
  const operators: Interval[] = [];
  if (typeof t.mustBe === 'number') {
    operators.push(interval(exactly(t.mustBe), exactly(t.mustBe)));
  }
  if (t.mustBeGreaterThan !== undefined) {
    operators.push(interval(above(t.mustBeGreaterThan), OPEN));
  }
  if (t.mustBeGreaterOrEqualTo !== undefined) {
    operators.push(interval(exactly(t.mustBeGreaterOrEqualTo), OPEN));
  }
  if (t.mustBeLessThan !== undefined) {
    operators.push(interval(NEG_OPEN, above(t.mustBeLessThan)));
  }
  if (t.mustBeLessOrEqualTo !== undefined) {
    operators.push(interval(NEG_OPEN, exactly(t.mustBeLessOrEqualTo)));
  }
  if (t.mustBeBetween) {
    const [low, high] = t.mustBeBetween;
    operators.push(interval(exactly(low), exactly(high)));
  }
  if (typeof t.mustNotBe === 'number') {
    operators.push(interval(exactly(t.mustNotBe), exactly(t.mustNotBe), true));
  }
  if (t.mustNotBeBetween) {
    const [low, high] = t.mustNotBeBetween;
    operators.push(interval(exactly(low), exactly(high), true));
  }
  if (operators.length === 1) {
    return operators[0];
  }
  // ODCS v3.0 allowed several operators on one rule: all of them must hold.
  if (operators.length === 0 || operators.some(o => o.rejected)) {
    return undefined;
  }
  return operators.reduce((a, b) =>
    interval(
      startsBefore(a.low, b.low) ? b.low : a.low,
      endsAfter(a.high, b.high) ? b.high : a.high,
    ),
  );
}

/** Whether a lower bound `a` lets in everything lower bound `b` does. */
function startsBefore(a: Bound, b: Bound): boolean {
  return (
    a.value < b.value || (a.value === b.value && (a.inclusive || !b.inclusive))
  );
}

/** Whether an upper bound `a` lets in everything upper bound `b` does. */
function endsAfter(a: Bound, b: Bound): boolean {
  return (
    a.value > b.value || (a.value === b.value && (a.inclusive || !b.inclusive))
  );
}

function holds(outer: Interval, inner: Interval): boolean {
  return (
    startsBefore(outer.low, inner.low) && endsAfter(outer.high, inner.high)
  );
}

/**
 * `looser` when the new thresholds accept every result the old ones did and
 * more, `stricter` for the reverse, `unknown` when neither holds the other
 * or a threshold is not numeric (and differs).
 */
export function compareThresholds(
  before: QualityThresholds,
  after: QualityThresholds,
): 'looser' | 'stricter' | 'same' | 'unknown' {
  if (JSON.stringify(before) === JSON.stringify(after)) {
    return 'same';
  }
  const a = toInterval(before);
  const b = toInterval(after);
  if (!a || !b || a.rejected !== b.rejected) {
    return 'unknown';
  }
  // Looser means the new set holds the old one; for rejected intervals,
  // rejecting less is accepting more, so the old one must hold the new.
  const [outer, inner] = a.rejected ? [a, b] : [b, a];
  const looser = holds(outer, inner);
  const stricter = holds(inner, outer);
  if (looser && stricter) {
    return 'same';
  }
  if (looser) {
    return 'looser';
  }
  return stricter ? 'stricter' : 'unknown';
}
