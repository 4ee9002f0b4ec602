/** Model helpers: inline specs resolved to models, roles and conditions looked up, and the input problems (schema, references) of a spec. */
import { resolveModel } from '../../src/model/resolve';
import type { Model, RoleModel } from '../../src/model/types';
import type { Condition, Statement } from '../../src/policy/document';
import { validateSpec } from '../../src/input/load';
import type { SpecInput } from '../../src/input/schema';

export const GITHUB_URL = 'https://token.actions.githubusercontent.com';

export function model(spec: SpecInput): Model {
  return resolveModel(validateSpec(spec, 'test.yaml'));
}

export function role(m: Model, account: string, name: string): RoleModel {
  const r = m.accounts.find((a) => a.name === account)?.roles.find((x) => x.name === name);
  if (!r) throw new Error(`no role ${account}/${name}`);
  return r;
}

export function condition(s: Statement, test: string, variable: string): Condition | undefined {
  return s.conditions?.find((c) => c.test === test && c.variable === variable);
}

/** The problems validation and resolution throw for a spec (schema and references; not lint), or [] when there are none. */
export function inputProblems(spec: unknown): { path: string; message: string; fix: string }[] {
  try {
    resolveModel(validateSpec(spec, 'test.yaml'));
    return [];
  } catch (e) {
    const problems = (e as { problems?: { path: string; message: string; fix: string }[] }).problems;
    if (!problems) throw e;
    return problems;
  }
}

type AccountInput = SpecInput['accounts'][number];

/** An account in eu-west-1 that creates the OIDC provider of each issuer named, with these roles. */
export function account(name: string, id: string, issuers: readonly string[], roles: NonNullable<AccountInput['roles']>): AccountInput {
  return { name, id, region: 'eu-west-1', oidcProviders: Object.fromEntries(issuers.map((i) => [i, 'create' as const])), roles };
}

/** One account, with the given issuers (all created there), options and roles. */
export function oneAccount(roles: unknown[], extra: { issuers?: Record<string, unknown>; options?: unknown } = {}): SpecInput {
  const issuers = extra.issuers ?? {};
  return {
    version: 1,
    issuers,
    options: extra.options,
    accounts: [account('acct', '123456789012', Object.keys(issuers), roles as NonNullable<AccountInput['roles']>)],
  } as SpecInput;
}
