import { makeValidator, parseEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { builtinCheckIds } from '../checks/builtinChecks';
import { severities, Severity } from '../checks/GovernanceCheck';

/**
 * A policy's domain: a name (`sales`, in any namespace) or a ref
 * (`domain:finance/sales`, `finance/sales`, `domain:sales` in the default
 * namespace). Throws for a ref of another kind.
 */
export function policyDomainRef(value: string): {
  name: string;
  namespace?: string;
} {
  if (!/[:/]/.test(value)) return { name: value };
  let ref: { kind: string; namespace: string; name: string };
  try {
    ref = parseEntityRef(value, {
      defaultKind: 'domain',
      defaultNamespace: 'default',
    });
  } catch {
    throw new Error(
      `expected a domain name or ref like domain:default/sales (got ${JSON.stringify(
        value,
      )})`,
    );
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'domain') {
    throw new Error(`expected a domain name or ref (got kind ${ref.kind})`);
  }
  return ref;
}

const domainText = z
  .string()
  .min(1)
  .superRefine((text, ctx) => {
    try {
      policyDomainRef(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

/** Backstage's own rules for entity fields, as the catalog applies them. */
const catalogValidator = makeValidator();

const oneOrMore = <T extends z.ZodType>(schema: T) =>
  z.union([schema, z.array(schema).nonempty()]);

const filterSchema = z
  .object({
    tier: oneOrMore(z.literal([1, 2, 3])),
    lifecycle: oneOrMore(z.enum(['experimental', 'production', 'deprecated'])),
    type: oneOrMore(
      z.enum(['source-aligned', 'aggregate', 'consumer-aligned']),
    ),
    domain: oneOrMore(domainText),
    // As the catalog holds tags: one with capitals would match no product.
    tag: oneOrMore(
      z.string().refine(tag => catalogValidator.isValidTag(tag), {
        message:
          'expected a tag as the catalog holds them: lowercase letters, digits and -, +, #, : (at most 63)',
      }),
    ),
  })
  .partial()
  .strict();

const checkRefSchema = z.union([
  z.string(),
  // Without a severity, the check's own, as for a check named alone.
  z
    .object({ id: z.string(), severity: z.enum(severities).optional() })
    .strict(),
]);

const policySchema = z
  .object({
    name: z.string().min(1),
    filter: filterSchema.optional(),
    checks: z.array(checkRefSchema).nonempty(),
  })
  .strict();

/** Which products a policy applies to: every key must match; a list means any of. */
export type PolicyFilter = z.infer<typeof filterSchema>;

/**
 * A set of checks, each at a severity, for the products a filter selects.
 * Global policies come from app-config (`governance.policies`); a domain adds
 * its own through the `meshwork.dev/governance-checks` annotation.
 */
export type GovernancePolicy = {
  name: string;
  filter?: PolicyFilter;
  checks: Array<{ id: string; severity?: Severity }>;
};

/**
 * Reads the platform team's global policies (the `governance.policies` list
 * of app-config), naming the policy and field of anything wrong, including
 * check ids that do not exist.
 */
export function parseGovernancePolicies(input: unknown): GovernancePolicy[] {
  if (input !== undefined && input !== null && !Array.isArray(input)) {
    throw new Error(
      `Invalid governance policies: governance.policies: expected a list (got ${given(
        input,
      )})`,
    );
  }
  const parsed = z.array(policySchema).safeParse(input ?? []);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .flatMap(issue => explain(issue, input))
      .map(
        ({ path: [index, ...rest], message }) =>
          `${placeOf(input, index, rest)}: ${message}`,
      );
    throw new Error(`Invalid governance policies: ${problems.join('; ')}`);
  }
  const policies = parsed.data.map(policy => ({
    name: policy.name,
    filter: policy.filter,
    checks: policy.checks.map(check =>
      typeof check === 'string' ? { id: check } : check,
    ),
  }));
  const repeated = repeats(policies, input);
  if (repeated.length) {
    throw new Error(`Invalid governance policies: ${repeated.join('; ')}`);
  }
  const unknown = policies.flatMap(policy =>
    policy.checks
      .filter(check => !builtinCheckIds.includes(check.id))
      .map(check => `policy "${policy.name}": unknown check "${check.id}"`),
  );
  if (unknown.length) {
    throw new Error(
      `Invalid governance policies: ${unknown.join(
        '; ',
      )} (known checks: ${builtinCheckIds.join(', ')})`,
    );
  }
  return policies;
}

/**
 * Where a problem is in the config: `governance.policies[2] ("tier-1")`,
 * then the field's path within the policy.
 */
function placeOf(
  input: unknown,
  index: PropertyKey,
  rest: PropertyKey[] = [],
): string {
  const name =
    typeof index === 'number'
      ? (input as Array<{ name?: unknown }>)[index]?.name
      : undefined;
  return `governance.policies[${String(index)}]${
    typeof name === 'string' && name ? ` ("${name}")` : ''
  }${rest.length ? `.${rest.join('.')}` : ''}`;
}

/**
 * A policy named as an earlier one, or a check named twice in one policy:
 * one would hide the other (its filter, or its severity) without a word.
 */
function repeats(policies: GovernancePolicy[], input: unknown): string[] {
  const firstOf = <T>(values: T[], index: number) =>
    values.indexOf(values[index]);
  const names = policies.map(policy => policy.name);
  return policies.flatMap((policy, index) => {
    const first = firstOf(names, index);
    const ids = policy.checks.map(check => check.id);
    return [
      ...(first === index
        ? []
        : [
            `${placeOf(input, index, ['name'])}: already the name of ${placeOf(
              input,
              first,
            )}; each policy needs its own (got ${given(policy.name)})`,
          ]),
      ...ids.flatMap((id, check) => {
        const earlier = firstOf(ids, check);
        return earlier === check
          ? []
          : [
              `${placeOf(input, index, [
                'checks',
                check,
              ])}: already named at ${placeOf(input, index, [
                'checks',
                earlier,
              ])}; a policy names each check once (got ${given(id)})`,
            ];
      }),
    ];
  });
}

/** The value a problem is about, as written, shortened. */
function given(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const valueAt = (root: unknown, path: PropertyKey[]) =>
  path.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === 'object'
        ? (value as Record<PropertyKey, unknown>)[key]
        : undefined,
    root,
  );

/** The keys each object of a policy may have, by where it is. */
function allowedKeys(path: PropertyKey[]): string[] {
  const [, field] = path;
  if (path.length === 1) return Object.keys(policySchema.shape);
  if (field === 'filter') return Object.keys(filterSchema.shape);
  return ['id', 'severity'];
}

/**
 * Each problem zod found, said with the field's path, what it may be and the
 * value given. Of a union (a value or a list of them; a check id or an
 * object), the problems of the form that was given.
 */
function explain(
  issue: z.core.$ZodIssue,
  root: unknown,
  prefix: PropertyKey[] = [],
): Array<{ path: PropertyKey[]; message: string }> {
  const path = [...prefix, ...issue.path];
  const value = valueAt(root, path);
  const got = `(got ${given(value)})`;
  switch (issue.code) {
    case 'invalid_union': {
      if (!issue.errors.length) break;
      const ofOtherType = (branch: z.core.$ZodIssue[]) =>
        branch.length === 1 &&
        branch[0].code === 'invalid_type' &&
        branch[0].path.length === 0;
      // The form the value has: the one whose problems lie deepest in it.
      const depth = (branch: z.core.$ZodIssue[]) =>
        Math.max(...branch.map(inner => inner.path.length));
      const [closest] = issue.errors
        .filter(branch => !ofOtherType(branch))
        .sort((a, b) => depth(b) - depth(a));
      if (closest) {
        return closest.flatMap(inner => explain(inner, root, path));
      }
      const expected = issue.errors.map(branch =>
        branch[0]?.code === 'invalid_type' ? branch[0].expected : 'other',
      );
      return [{ path, message: `expected ${expected.join(' or ')} ${got}` }];
    }
    case 'invalid_value':
      return [
        {
          path,
          message: `must be one of ${issue.values
            .map(v => String(v))
            .join(', ')} ${got}`,
        },
      ];
    case 'invalid_type':
      return [{ path, message: `expected ${issue.expected} ${got}` }];
    case 'unrecognized_keys':
      return [
        {
          path,
          message: `unknown ${
            issue.keys.length > 1 ? 'keys' : 'key'
          } ${issue.keys
            .map(key => JSON.stringify(key))
            .join(', ')} (allowed: ${allowedKeys(path).join(', ')})`,
        },
      ];
    case 'too_small':
      return [
        {
          path,
          message: `${
            issue.origin === 'array'
              ? 'must not be an empty list'
              : 'must not be empty'
          } ${got}`,
        },
      ];
    default:
  }
  return [
    {
      path,
      message: issue.message.includes('(got ')
        ? issue.message
        : `${issue.message} ${got}`,
    },
  ];
}
