/** Model helpers: inline specs resolved to models, roles and conditions looked up, and the input problems (schema, references) of a spec. */
import { resolveModel } from '../../src/model/resolve';
import type { Model, RoleModel } from '../../src/model/types';
import type { Condition, Statement } from '../../src/policy/document';
import { validateSpec } from '../../src/spec/load';
import type { SpecInput } from '../../src/spec/schema';

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

/** One account, with the given issuers (all created there), options and roles. */
export function oneAccount(roles: unknown[], extra: { issuers?: Record<string, unknown>; options?: unknown } = {}): SpecInput {
  const issuers = extra.issuers ?? {};
  return {
    version: 1,
    issuers,
    options: extra.options,
    accounts: [{ name: 'acct', id: '123456789012', region: 'eu-west-1', oidcProviders: Object.fromEntries(Object.keys(issuers).map((i) => [i, 'create'])), roles }],
  } as SpecInput;
}
