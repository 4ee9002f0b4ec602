/**
 * The shared harness of the rule tests, after cdk-nag's: one `describe` per
 * rule, with its failing cases (exact rule id, level and message of every
 * finding) and its passing cases (compliant or not applicable).
 */
import { checkSubject, runRule, type Level, type LintSubject, type Rule } from '../../src/lint';
import type { IamStatement } from '../../src/policy/document';

export interface Expected {
  readonly level: Level;
  readonly message: string;
  /** Checked when given. */
  readonly fix?: string;
}

export interface FailingCase {
  readonly name: string;
  readonly subject: LintSubject;
  readonly expected: readonly Expected[];
}

export interface PassingCase {
  readonly name: string;
  readonly subject: LintSubject;
  readonly status: 'compliant' | 'not-applicable';
}

export function describeRule(rule: Rule, cases: { failing: readonly FailingCase[]; passing: readonly PassingCase[] }): void {
  describe(`${rule.id}: ${rule.name}`, () => {
    it('has an id, a level, an explanation and a fix hint', () => {
      expect(rule.id).toMatch(/^(TRUST|IAM)\d{3}$/);
      expect(['error', 'warning', 'info']).toContain(rule.level);
      expect(rule.explanation.length).toBeGreaterThan(20);
      expect(rule.fix.length).toBeGreaterThan(10);
    });

    it.each(cases.failing.map((c) => [c.name, c] as const))('flags %s', (_name, c) => {
      // GIVEN the subject WHEN the rule checks it THEN it is non-compliant with exactly these findings.
      const result = runRule(rule, c.subject);
      expect(result.status).toBe('non-compliant');
      // The pack reports them under the rule's id, at the effective level.
      const reported = checkSubject(c.subject).filter((r) => r.ruleId === rule.id);
      expect(reported.map((r) => ({ level: r.level, message: r.message }))).toEqual(c.expected.map((e) => ({ level: e.level, message: e.message })));
      c.expected.forEach((e, i) => {
        if (e.fix !== undefined) expect(reported[i].fix).toBe(e.fix);
      });
    });

    it.each(cases.passing.map((c) => [c.name, c] as const))('passes %s', (_name, c) => {
      expect(runRule(rule, c.subject).status).toBe(c.status);
      expect(checkSubject(c.subject).filter((r) => r.ruleId === rule.id)).toEqual([]);
    });
  });
}

// ---- IAM JSON builders -------------------------------------------------------

export const ACCOUNT = '111111111111';
export const EKS = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E';
export const EKS_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${EKS}`;
export const GITHUB = 'token.actions.githubusercontent.com';
export const GITHUB_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${GITHUB}`;
export const GOOGLE = 'accounts.google.com';
export const COGNITO = 'cognito-identity.amazonaws.com';

type Cond = readonly [operator: string, key: string, value: string | string[] | boolean];

/** A Condition block from (operator, key, value) triples. */
export function conditions(...entries: Cond[]): NonNullable<IamStatement['Condition']> {
  const out: Record<string, Record<string, string | string[] | boolean>> = {};
  for (const [op, key, value] of entries) (out[op] ??= {})[key] = value;
  return out;
}

export function statement(s: Partial<IamStatement> & Record<string, unknown>): IamStatement {
  return { Effect: 'Allow', ...s } as IamStatement;
}

/** `sts:AssumeRoleWithWebIdentity` for a Federated principal, with these conditions (none when empty). */
export function webIdentity(federated: string, ...conds: Cond[]): IamStatement {
  return statement({
    Action: 'sts:AssumeRoleWithWebIdentity',
    Principal: { Federated: federated },
    ...(conds.length > 0 ? { Condition: conditions(...conds) } : {}),
  });
}

export function trustPolicy(statements: IamStatement[], context?: Extract<LintSubject, { kind: 'trust-policy' }>['context']): LintSubject {
  return { kind: 'trust-policy', policy: { Version: '2012-10-17', Statement: statements }, ...(context ? { context } : {}) };
}

export function identityPolicy(statements: IamStatement[]): LintSubject {
  return { kind: 'identity-policy', policy: { Version: '2012-10-17', Statement: statements } };
}

/** An EKS trust as the generator writes it: aud and sub pinned. */
export function eksTrust(sub: string | string[] = 'system:serviceaccount:ns:sa', subOperator = 'StringEquals'): IamStatement {
  return webIdentity(EKS_ARN, [subOperator, `${EKS}:sub`, sub], ['StringEquals', `${EKS}:aud`, 'sts.amazonaws.com']);
}

export function githubTrust(sub: string, subOperator = 'StringLike'): IamStatement {
  return webIdentity(GITHUB_ARN, [subOperator, `${GITHUB}:sub`, sub], ['StringEquals', `${GITHUB}:aud`, 'sts.amazonaws.com']);
}

export function awsTrust(principal: string | string[], extra: Partial<IamStatement> = {}): IamStatement {
  return statement({ Action: 'sts:AssumeRole', Principal: { AWS: principal }, ...extra });
}
