import { InputError } from '@backstage/errors';
import { parseQueryTime } from '@meshwork/plugin-lineage-common';
import { Request } from 'express';

/** The longest text searched for (datasets, jobs, columns, products). */
const MAX_SEARCH_LENGTH = 256;

/**
 * How a route reads a parameter given more than once: Meshwork's refuse it;
 * Marquez's take the first, as Jersey, which serves Marquez, does.
 */
export type Repeated = 'refuse' | 'first';

function single(
  req: Request,
  name: string,
  repeated: Repeated = 'refuse',
): string | undefined {
  const given = req.query[name];
  const value = repeated === 'first' && Array.isArray(given) ? given[0] : given;
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new InputError(`Query parameter ${name} must be given once, as text`);
  }
  // Postgres stores no NUL in text, so no stored name holds one.
  if (value.includes('\u0000')) {
    throw new InputError(
      `Query parameter ${name} must not contain a NUL character (%00)`,
    );
  }
  return value;
}

/** Text, undefined when empty, as every parameter takes an empty value. */
export function stringParam(req: Request, name: string): string | undefined {
  return single(req, name) || undefined;
}

export function requiredParam(
  req: Request,
  name: string,
  repeated: Repeated = 'refuse',
): string {
  const value = single(req, name, repeated);
  if (!value) {
    throw new InputError(`Query parameter ${name} is required`);
  }
  return value;
}

/** The text searched for, `q`, without surrounding spaces. */
export function searchParam(req: Request): string {
  const q = requiredParam(req, 'q').trim();
  // Characters, not UTF-16 units: an emoji is one, as the message says.
  if (!q || [...q].length > MAX_SEARCH_LENGTH) {
    throw new InputError(
      `Query parameter q must be text of 1 to ${MAX_SEARCH_LENGTH} characters`,
    );
  }
  return q;
}

/** Digits only: Number() would also take "0x10", "1e3" and " 5 ". */
const INTEGER = /^-?\d{1,16}$/;

export function intParam(
  req: Request,
  name: string,
  fallback: number,
  { min, max }: { min: number; max: number },
): number {
  const text = single(req, name);
  if (text === undefined || text === '') return fallback;
  const value = INTEGER.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InputError(
      `Query parameter ${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(
        text,
      )}`,
    );
  }
  return value;
}

/**
 * An integer parameter of a Marquez route: any integer, as Marquez takes
 * one, brought within `min` to `max`; of a repeated one, the first.
 */
export function marquezIntParam(
  req: Request,
  name: string,
  fallback: number,
  { min, max }: { min: number; max: number },
): number {
  const text = single(req, name, 'first');
  if (text === undefined || text === '') return fallback;
  if (!INTEGER.test(text)) {
    throw new InputError(
      `Query parameter ${name} must be an integer, got ${JSON.stringify(text)}`,
    );
  }
  return Math.min(max, Math.max(min, Number(text)));
}

/** A time parameter, as parseQueryTime reads it; a 400 if it names none. */
export function timeParam(req: Request, name: string): number | undefined {
  const text = single(req, name);
  if (text === undefined || text === '') return undefined;
  const time = parseQueryTime(text);
  if (time === undefined) {
    throw new InputError(
      `Query parameter ${name} must be an ISO 8601 date or date-time, got ${JSON.stringify(
        text,
      )}`,
    );
  }
  return time;
}

export function booleanParam(req: Request, name: string): boolean {
  // Any case, as Java reads a boolean: Marquez's Python client sends `False`.
  const text = single(req, name)?.toLowerCase();
  if (text === undefined || text === '' || text === 'false') return false;
  if (text === 'true') return true;
  throw new InputError(`Query parameter ${name} must be true or false`);
}

/**
 * A boolean parameter of a Marquez route, as Java's Boolean.valueOf reads
 * it: true in any case is true, anything else false; of a repeated one, the
 * first.
 */
export function marquezBooleanParam(req: Request, name: string): boolean {
  return single(req, name, 'first')?.toLowerCase() === 'true';
}

/** One of `choices`, the first when the parameter is not given. */
export function choiceParam<const T extends string>(
  req: Request,
  name: string,
  choices: readonly [T, ...T[]],
): T {
  const text = single(req, name);
  if (text === undefined || text === '') return choices[0];
  if (!(choices as readonly string[]).includes(text)) {
    throw new InputError(
      `Query parameter ${name} must be ${choices.slice(0, -1).join(', ')} or ${
        choices[choices.length - 1]
      }, got ${JSON.stringify(text)}`,
    );
  }
  return text as T;
}
