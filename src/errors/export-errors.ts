/**
 * Bad input to `audit` and `import`: what is wrong, in which export file and
 * which role, and the fix. Every problem of a run is collected and thrown
 * together, before anything is written. An export problem is a {@link Problem}:
 * `file` is the export file as given on the command line (or `--account`), and
 * `path` names the role or OIDC provider it is in (`role <name>`), else is empty.
 */
import { formatProblem, UserError, type Problem } from './problem';

/** The path of an export problem: the role it is in, when there is one. */
const inRole = (role: string | undefined) => (role ? `role ${role}` : '');

export class ExportError extends UserError {
  readonly problems: readonly Problem[];

  static override readonly names: readonly string[] = ['ExportError'];

  constructor(problems: readonly Problem[]) {
    super({
      message: `${problems.length} problem${problems.length === 1 ? '' : 's'} in the IAM export; nothing was written.\n${problems.map(formatProblem).join('\n')}`,
    });
    this.name = 'ExportError';
    this.problems = problems;
  }
}

export const exportProblems = {
  unreadable: (file: string, reason: string): Problem => ({
    file,
    path: '',
    message: `cannot read the file (${reason})`,
    fix: 'give the path of a file written by `aws iam get-account-authorization-details --output json > FILE`',
  }),
  notJson: (file: string, reason: string): Problem => ({
    file,
    path: '',
    message: `not JSON (${reason})`,
    fix: 'write the export with `--output json`; the text and table outputs cannot be read',
  }),
  unknownShape: (file: string): Problem => ({
    file,
    path: '',
    message: 'not an IAM export: it has none of RoleDetailList, Roles, Role, OpenIDConnectProviderList or Url',
    fix: 'give the output of `aws iam get-account-authorization-details`, `list-roles`, `list-open-id-connect-providers` or `get-open-id-connect-provider`',
  }),
  badRole: (file: string, role: string, message: string): Problem => ({
    file,
    path: inRole(role),
    message,
    fix: 'export the account again with `aws iam get-account-authorization-details --output json`; do not edit the file by hand',
  }),
  badDocument: (file: string, role: string, what: string, reason: string): Problem => ({
    file,
    path: inRole(role),
    message: `${what} does not parse as a policy document, neither as a JSON object nor as URL-encoded JSON text (${reason})`,
    fix: 'export the account again; the CLI prints documents as JSON objects and the raw API as URL-encoded text, and both are read',
  }),
  mixedAccounts: (file: string, role: string, account: string, first: string): Problem => ({
    file,
    path: inRole(role),
    message: `the role is in account ${account}, while the file's first role is in account ${first}`,
    fix: 'give one file per account: run `aws iam get-account-authorization-details` once per account',
  }),
  noAccount: (file: string): Problem => ({
    file,
    path: '',
    message: 'nothing in the file names its account (no role, user, group or customer managed policy ARN)',
    fix: 'leave out exports of accounts without roles, or export the account again',
  }),
  accountNotNamed: (file: string, role: string | undefined, account: string, named: readonly string[]): Problem => ({
    file,
    path: inRole(role),
    message: `the export is of account ${account}, which no --account names (named: ${named.join(', ')})`,
    fix: `add --account <name>=${account}, or leave this file out`,
  }),
  noRoleExport: (files: readonly string[]): Problem => ({
    file: files.join(', '),
    path: '',
    message: 'none of the files is an export of roles (only OIDC provider listings or list-roles output)',
    fix: 'add the output of `aws iam get-account-authorization-details --output json` for each account',
  }),
  regionNotInPartition: (file: string, account: string, partition: string, region: string, regionPartition: string | undefined): Problem => ({
    file,
    path: '',
    message: `account ${account} is in partition ${partition} (its ARNs read arn:${partition}:), but --region ${region} is ${regionPartition ? `a region of partition ${regionPartition}` : 'a region of an isolated partition, which the spec does not support'}`,
    fix: `give a region of ${partition} (e.g. --region ${partition === 'aws-cn' ? 'cn-north-1' : partition === 'aws-us-gov' ? 'us-gov-west-1' : 'us-east-1'}), or leave --region out: each account then gets a region of its own partition`,
  }),
  badAccountArg: (arg: string): Problem => ({
    file: '--account',
    path: '',
    message: `"${arg}" is not NAME=ID`,
    fix: 'write --account data-lake=222222222222 (a name that starts with a letter, and the 12-digit account id)',
  }),
  reservedAccountName: (name: string, id: string, reserved: string): Problem => ({
    file: '--account',
    path: '',
    message: `the name "${name}" is reserved: modules/${reserved}/ holds the workload settings, so an account of that name would share their folder`,
    fix: `give the account another name, e.g. --account ${name}-account=${id}`,
  }),
  repeatedAccountName: (name: string, first: string, second: string): Problem => ({
    file: '--account',
    path: '',
    message: `the name "${name}" is given to two accounts, ${first} and ${second}; the spec needs one name per account`,
    fix: `give each account its own name, e.g. --account ${name}=${first} --account ${name}-2=${second}`,
  }),
  repeatedAccountId: (id: string, first: string, second: string): Problem => ({
    file: '--account',
    path: '',
    message: `account ${id} is named twice, "${first}" and "${second}"`,
    fix: `keep one --account NAME=${id}`,
  }),
};
