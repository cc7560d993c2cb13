import { InputError } from '@backstage/errors';
import { parseQueryTime } from '@meshwork/plugin-lineage-common';
import { Request } from 'express';

/** The longest text searched for (datasets, jobs, columns, products). */
const MAX_SEARCH_LENGTH = 256;

function single(req: Request, name: string): string | undefined {
  const value = req.query[name];
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

export function requiredParam(req: Request, name: string): string {
  const value = single(req, name);
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

export function intParam(
  req: Request,
  name: string,
  fallback: number,
  { min, max }: { min: number; max: number },
): number {
  const text = single(req, name);
  if (text === undefined || text === '') return fallback;
  // Digits only: Number() would also take "0x10", "1e3" and " 5 ".
  const value = /^-?\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InputError(
      `Query parameter ${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(
        text,
      )}`,
    );
  }
  return value;
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
