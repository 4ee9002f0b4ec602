import { conditionAt, isAllow, readStatements } from './iam-json';
import { isIssuerClaimKey, isStringLike, operatorParts, splitKey, subjectScope, type SubjectScope } from './claims';

export interface SubjectPattern {
  readonly statement: number;
  readonly at: string;
  readonly key: string;
  readonly value: string;
  readonly scope: SubjectScope;
}

/** Every `<issuer>:sub` value under StringLike in an Allow statement, with how much it lets in. */
export function subjectPatterns(policy: unknown): SubjectPattern[] {
  return readStatements(policy)
    .filter(isAllow)
    .flatMap((s) =>
      s.conditions
        .filter(
          (c) => isIssuerClaimKey(c.key) && splitKey(c.key).claim === 'sub' && isStringLike(operatorParts(c.operator)) && !operatorParts(c.operator).negated,
        )
        .flatMap((c) => c.values.map((value) => ({ statement: s.index, at: conditionAt(s, c), key: c.key, value, scope: subjectScope(value) }))),
    );
}
