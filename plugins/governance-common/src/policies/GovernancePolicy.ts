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
    tier: oneOrMore(z.union([z.literal(1), z.literal(2), z.literal(3)])),
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
  z.object({ id: z.string(), severity: z.enum(severities) }).strict(),
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
  const parsed = z.array(policySchema).safeParse(input ?? []);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(issue => {
      const [index, ...rest] = issue.path;
      const name =
        typeof index === 'number'
          ? (input as Array<{ name?: string }>)[index]?.name
          : undefined;
      const where = `governance.policies[${String(index)}]${
        name ? ` ("${name}")` : ''
      }${rest.length ? `.${rest.join('.')}` : ''}`;
      return `${where}: ${issue.message}`;
    });
    throw new Error(`Invalid governance policies: ${problems.join('; ')}`);
  }
  const policies = parsed.data.map(policy => ({
    name: policy.name,
    filter: policy.filter,
    checks: policy.checks.map(check =>
      typeof check === 'string' ? { id: check } : check,
    ),
  }));
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
