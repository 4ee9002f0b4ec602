/**
 * The AWS provider versions the modules and stacks accept: a Terraform version
 * constraint (`>= 5.100, < 7.0` by default, `options.awsProviderVersion` to
 * choose another). Stacks pin the exact version in their lock file, not here.
 *
 * The syntax is Terraform's (https://developer.hashicorp.com/terraform/language/expressions/version-constraints):
 * comma-separated conditions `<op> <version>`, op one of `= != > >= < <= ~>`
 * (none means `=`), versions of one to three numbers with an optional
 * pre-release suffix.
 *
 * No zod here: the model and the Terraform mirror read these at every synth;
 * the spec's field that checks a constraint is in `options.ts`.
 */

/** Every version from the one the tests plan with (5.100.0) up to, not including, 7.0. */
export const DEFAULT_AWS_PROVIDER_VERSION = '>= 5.100, < 7.0';

/** The oldest provider the generated code is tested with. */
export const OLDEST_TESTED = '5.100.0';
/** The first provider major nobody has reviewed the generated code against (docs/aws-provider-6.md covers 6.x). */
export const FIRST_UNREVIEWED = '7.0.0';

type Version = readonly [number, number, number];
interface Bound {
  readonly v: Version;
  readonly inclusive: boolean;
}
interface Condition {
  readonly op: '=' | '!=' | '>' | '>=' | '<' | '<=' | '~>';
  readonly v: Version;
  /** How many numbers were written (`~>` depends on it). */
  readonly parts: number;
}

const CONDITION = /^\s*(=|!=|>=|<=|>|<|~>)?\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?\s*$/;

/** The conditions of a constraint, or undefined when it is not valid Terraform syntax. */
export function parseConstraint(text: string): readonly Condition[] | undefined {
  const out: Condition[] = [];
  for (const part of text.split(',')) {
    const m = CONDITION.exec(part);
    if (!m) return undefined;
    const nums = [m[2], m[3], m[4]].filter((n) => n !== undefined).map(Number);
    out.push({ op: (m[1] ?? '=') as Condition['op'], v: [nums[0], nums[1] ?? 0, nums[2] ?? 0], parts: nums.length });
  }
  return out;
}

const cmp = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Whether `version` (x.y.z) satisfies `constraint`. Pre-release suffixes are ignored. */
export function admits(constraint: string, version: string): boolean {
  const conditions = parseConstraint(constraint);
  const v = parseConstraint(version)?.[0]?.v;
  if (!conditions || !v) return false;
  return conditions.every((c) => {
    const d = cmp(v, c.v);
    switch (c.op) {
      case '=':
        return d === 0;
      case '!=':
        return d !== 0;
      case '>':
        return d > 0;
      case '>=':
        return d >= 0;
      case '<':
        return d < 0;
      case '<=':
        return d <= 0;
      case '~>':
        return d >= 0 && cmp(v, pessimisticUpper(c)) < 0;
    }
  });
}

/** `~> 1.2.3` allows up to 1.3.0 (exclusive), `~> 1.2` up to 2.0.0, `~> 1` up to 2.0.0. */
function pessimisticUpper(c: Condition): Version {
  return c.parts === 3 ? [c.v[0], c.v[1] + 1, 0] : [c.v[0] + 1, 0, 0];
}

/**
 * Whether some version at or above `floor` (and below `below`, when given)
 * satisfies the constraint: the intersection of its ranges, cut there, is not
 * empty (`!=` removes one version only, and is not counted).
 */
export function admitsSomeFrom(constraint: string, floor: string, below?: string): boolean {
  const conditions = parseConstraint(constraint);
  const from = parseConstraint(floor)?.[0]?.v;
  const ceiling = below === undefined ? undefined : parseConstraint(below)?.[0]?.v;
  if (!conditions || !from || (below !== undefined && !ceiling)) return false;
  let lower: Bound = { v: from, inclusive: true };
  let upper: Bound | undefined = ceiling && { v: ceiling, inclusive: false };
  const raise = (b: Bound) => {
    const d = cmp(b.v, lower.v);
    if (d > 0 || (d === 0 && !b.inclusive)) lower = b;
  };
  const cap = (b: Bound) => {
    if (!upper) return void (upper = b);
    const d = cmp(b.v, upper.v);
    if (d < 0 || (d === 0 && !b.inclusive)) upper = b;
  };
  for (const c of conditions) {
    if (c.op === '=' || c.op === '>=' || c.op === '~>') raise({ v: c.v, inclusive: true });
    if (c.op === '>') raise({ v: c.v, inclusive: false });
    if (c.op === '=' || c.op === '<=') cap({ v: c.v, inclusive: true });
    if (c.op === '<') cap({ v: c.v, inclusive: false });
    if (c.op === '~>') cap({ v: pessimisticUpper(c), inclusive: false });
  }
  if (!upper) return true;
  const d = cmp(lower.v, upper.v);
  return d < 0 || (d === 0 && lower.inclusive && upper.inclusive);
}

/**
 * The oldest provider with `target_role_arn` and `disable_session_tags` on
 * `aws_eks_pod_identity_association` (its changelog, 6.2.0, #42979). An
 * account whose associations use either needs it; see docs/aws-provider-6.md.
 */
export const POD_IDENTITY_TARGET_PROVIDER = '6.2.0';
/** The default constraint of such an account. */
export const POD_IDENTITY_TARGET_CONSTRAINT = `>= ${POD_IDENTITY_TARGET_PROVIDER}, < 7.0`;
