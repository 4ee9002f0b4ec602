import { conditionAt, isAllow, readStatements, type StatementView } from './iam-json';
import { recent } from './recent';
import { isIssuerClaimKey, isStringLike, operatorParts, splitKey, subjectScope, type SubjectScope } from './claims';

export interface SubjectPattern {
  readonly statement: number;
  readonly at: string;
  readonly key: string;
  readonly value: string;
  readonly scope: SubjectScope;
}

/** Patterns already read, by the statements of a document (which `readStatements` reads once per document). */
const patternsOf = recent(readPatterns);

/** Every `<issuer>:sub` value under StringLike in an Allow statement, with how much it lets in. */
export function subjectPatterns(policy: unknown): readonly SubjectPattern[] {
  return patternsOf(readStatements(policy));
}

function readPatterns(statements: readonly StatementView[]): SubjectPattern[] {
  return statements
    .filter(isAllow)
    .flatMap((s) =>
      s.conditions
        .filter(
          (c) => isIssuerClaimKey(c.key) && splitKey(c.key).claim === 'sub' && isStringLike(operatorParts(c.operator)) && !operatorParts(c.operator).negated,
        )
        .flatMap((c) => c.values.map((value) => ({ statement: s.index, at: conditionAt(s, c), key: c.key, value, scope: subjectScope(value) }))),
    );
}
