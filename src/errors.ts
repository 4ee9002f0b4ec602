/**
 * Every error a user can cause, in one place. Each problem names the file, the
 * field path inside it and the fix, so that a failing synth reads like a review
 * comment rather than a stack trace.
 */

export interface Problem {
  /** The spec file, or `<inline>` for a spec given through the TypeScript API. */
  readonly file: string;
  /** Field path inside the spec, e.g. `accounts[1].roles[0].trust[0].issuer`. */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** What to change to make it right. */
  readonly fix: string;
  /** A stable rule id, where the problem comes from a named rule. */
  readonly ruleId?: string;
}

export function formatProblem(p: Problem): string {
  const where = p.path ? `${p.file}: ${p.path}` : p.file;
  const rule = p.ruleId ? ` [${p.ruleId}]` : '';
  return `${where}${rule}: ${p.message}\n    fix: ${p.fix}`;
}

/** Thrown for any bad input. Carries every problem found, not just the first. */
export class SpecError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const sorted = [...problems];
    super(
      `${sorted.length} problem${sorted.length === 1 ? '' : 's'} in the spec; nothing was written.\n` +
        sorted.map(formatProblem).join('\n'),
    );
    this.name = 'SpecError';
    this.problems = sorted;
  }
}

export function isSpecError(e: unknown): e is SpecError {
  return e instanceof SpecError;
}

/** Renders a path array the way users read it: `accounts[1].roles[0].name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

/** Factories for the problems the resolver reports (schema problems come from zod). */
export const problems = {
  unknownAccount: (file: string, path: string, name: string, known: readonly string[]): Problem => ({
    file,
    path,
    message: `account "${name}" is not declared`,
    fix: `use one of the declared account names (${known.join(', ') || 'none declared'}) or add an account named "${name}" under accounts`,
  }),
  unknownIssuer: (file: string, path: string, name: string, known: readonly string[]): Problem => ({
    file,
    path,
    message: `issuer "${name}" is not declared`,
    fix: `use one of the declared issuers (${known.join(', ') || 'none declared'}) or add "${name}" under issuers`,
  }),
  issuerNotInAccount: (file: string, path: string, issuer: string, account: string, accountIndex: number): Problem => ({
    file,
    path,
    message: `issuer "${issuer}" has no OIDC provider in account "${account}"`,
    fix: `add \`${issuer}: create\` (or \`existing\` if the provider is already there) under accounts[${accountIndex}].oidcProviders`,
  }),
  duplicateAccountName: (file: string, path: string, name: string): Problem => ({
    file,
    path,
    message: `account name "${name}" is used twice`,
    fix: 'give every account a unique name; it becomes the stack name and the module folder',
  }),
  duplicateAccountId: (file: string, path: string, id: string, other: string): Problem => ({
    file,
    path,
    message: `account id ${id} is already declared as "${other}"`,
    fix: 'declare each AWS account once and put all of its roles under that entry',
  }),
  duplicateRole: (file: string, path: string, name: string, account: string): Problem => ({
    file,
    path,
    ruleId: 'IAM002',
    message: `role name "${name}" is used twice in account "${account}" (IAM role names are unique case-insensitively)`,
    fix: 'rename one of the roles or merge their trust entries into one role',
  }),
  unknownRole: (file: string, path: string, role: string, account: string): Problem => ({
    file,
    path,
    message: `role "${role}" is not declared in account "${account}"`,
    fix: `declare the role under that account, give its full ARN instead (arn:aws:iam::<account-id>:role/${role}), or name the account it lives in with \`account:\``,
  }),
  badArn: (file: string, path: string, value: string, kind: 'role' | 'policy'): Problem => ({
    file,
    path,
    message: `"${value}" is not a valid IAM ${kind} ARN`,
    fix: `write a ${kind} name, or a full ARN such as arn:aws:iam::111111111111:${kind}/example`,
  }),
  selfTrust: (file: string, path: string, role: string): Problem => ({
    file,
    path,
    message: `role "${role}" trusts itself`,
    fix: 'remove this trust entry; a role does not need to trust itself',
  }),
  dependencyCycle: (file: string, path: string, cycle: readonly string[]): Problem => ({
    file,
    path,
    message: `roles trust each other in a cycle (${cycle.join(' -> ')}), so none of them can be created first`,
    fix: 'break the cycle: create one side first, then add the reverse trust in a later change',
  }),
  yamlSyntax: (file: string, path: string, detail: string): Problem => ({
    file,
    path: path || '(document)',
    message: `the file is not valid YAML: ${detail}`,
    fix: 'correct the YAML syntax at the position shown',
  }),
  suppressionUnknownRule: (file: string, path: string, rule: string, known: readonly string[]): Problem => ({
    file,
    path,
    ruleId: 'LINT001',
    message: `the rule pack has no rule ${rule}`,
    fix: `use one of ${known.join(', ')}, or remove the suppression`,
  }),
  suppressionNotAllowed: (file: string, path: string, rule: string): Problem => ({
    file,
    path,
    ruleId: 'LINT002',
    message: `${rule} cannot be suppressed: AWS or Terraform would reject the output anyway`,
    fix: `fix what ${rule} reports instead, and remove this suppression`,
  }),
  suppressionUnused: (file: string, path: string, rule: string): Problem => ({
    file,
    path,
    ruleId: 'LINT003',
    message: `the suppression of ${rule} matches no finding`,
    fix: 'remove the suppression',
  }),
  unparseable: (file: string, detail: string): Problem => ({
    file,
    path: '(top level)',
    message: `the spec cannot be read as data: ${detail}`,
    fix: 'pass plain data (objects, arrays, strings, numbers, booleans) without cycles',
  }),
  unreadable: (file: string, detail: string): Problem => ({
    file,
    path: '',
    message: `cannot read the spec: ${detail}`,
    fix: 'check the path given in SPEC_FILE (or --spec) and the file permissions',
  }),
};

/** Problems of the workload presets (GitHub Actions, Pod Identity, several issuers, IAM users). */
export const presetProblems = {
  notGithubIssuer: (issuer: string, url: string) => ({
    field: 'issuer',
    message: `issuer "${issuer}" (${url}) is not GitHub Actions' token issuer`,
    fix: 'name an issuer whose url is https://token.actions.githubusercontent.com (or your enterprise issuer below it)',
  }),
  notVendorIssuer: (issuer: string, url: string, vendor: string, expected: string) => ({
    field: 'issuer',
    message: `issuer "${issuer}" (${url}) is not the token issuer of ${vendor}`,
    fix: `name an issuer whose url is ${expected}`,
  }),
  audienceNotClientId: (issuer: string, audience: string, field: string) => ({
    field,
    message: `the trust requires aud "${audience}", which is not a client id of issuer "${issuer}": IAM would reject every token`,
    fix: `add "${audience}" to issuers.${issuer}.clientIds`,
  }),
  issuerTwice: (issuer: string, index: number) => ({
    field: `issuers[${index}].issuer`,
    message: `issuer "${issuer}" is listed twice in one web-identity trust`,
    fix: 'list each issuer once, with all of its subjects',
  }),
  iamUserNotAllowed: (user: string) => ({
    field: 'type',
    message: `the iam-user trust gives IAM user "${user}" a long-lived access key, and access keys are off`,
    fix: 'prefer a role trust (aws-role, kubernetes-service-account, eks-pod-identity); if a key is unavoidable, set options.allowIamUserAccessKeys: true',
  }),
  duplicateIamUser: (file: string, path: string, user: string, account: string): Problem => ({
    file,
    path,
    message: `IAM user "${user}" is named by two iam-user trust entries in account "${account}"`,
    fix: 'give each iam-user trust its own user: one access key per user and role',
  }),
  duplicateAirflowConnection: (file: string, path: string, id: string, other: string): Problem => ({
    file,
    path,
    message: `Airflow connection id "${id}" is already the connection to role ${other}; one Airflow sees both, and the later one would replace the earlier`,
    fix: 'give this trust entry its own airflowConnection id (or airflowConnection: false)',
  }),
  reservedAccountName: (file: string, path: string, name: string): Problem => ({
    file,
    path,
    message: `account name "${name}" is the folder of the workload settings in the modules directory`,
    fix: `rename the account, e.g. "${name}-account"`,
  }),
  unknownIssuerAccount: (file: string, path: string, account: string, known: readonly string[]): Problem => ({
    file,
    path,
    message: `account "${account}" is not declared`,
    fix: `name the account the issuer's cluster runs in, one of: ${known.join(', ')}`,
  }),
};

/** A bad environment variable or run mode (not the spec): the message says what to set instead. */
export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvError';
  }
}
