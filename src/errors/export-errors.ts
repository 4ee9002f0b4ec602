/**
 * Bad input to `audit` and `import`: what is wrong, in which export file and
 * which role, and the fix. Every problem of a run is collected and thrown
 * together, before anything is written. An export problem is a {@link Problem}
 * whose path names the role (`role <name>`), and reads the same.
 */
import { formatProblem, UserError, type Problem } from './problem';

/** A Problem of an IAM export: `file` is the export file as given on the command line; `role` the role or OIDC provider it is in, when there is one (its `path` then reads `role <name>`). */
export interface ExportProblem extends Problem {
  readonly role?: string;
}

/** An export problem whose path names its role. */
function exportProblem(p: { readonly file: string; readonly role?: string; readonly message: string; readonly fix: string }): ExportProblem {
  return { ...p, path: p.role ? `role ${p.role}` : '' };
}

export function formatExportProblem(p: ExportProblem): string {
  return formatProblem(p);
}

export class ExportError extends UserError {
  readonly problems: readonly ExportProblem[];

  static override readonly names: readonly string[] = ['ExportError'];

  constructor(problems: readonly ExportProblem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in the IAM export; nothing was written.\n${problems.map(formatExportProblem).join('\n')}`,
    );
    this.name = 'ExportError';
    this.problems = problems;
  }
}

export const exportProblems = {
  unreadable: (file: string, reason: string): ExportProblem =>
    exportProblem({
      file,
      message: `cannot read the file (${reason})`,
      fix: 'give the path of a file written by `aws iam get-account-authorization-details --output json > FILE`',
    }),
  notJson: (file: string, reason: string): ExportProblem =>
    exportProblem({
      file,
      message: `not JSON (${reason})`,
      fix: 'write the export with `--output json`; the text and table outputs cannot be read',
    }),
  unknownShape: (file: string): ExportProblem =>
    exportProblem({
      file,
      message: 'not an IAM export: it has none of RoleDetailList, Roles, Role, OpenIDConnectProviderList or Url',
      fix: 'give the output of `aws iam get-account-authorization-details`, `list-roles`, `list-open-id-connect-providers` or `get-open-id-connect-provider`',
    }),
  badRole: (file: string, role: string, message: string): ExportProblem =>
    exportProblem({
      file,
      role,
      message,
      fix: 'export the account again with `aws iam get-account-authorization-details --output json`; do not edit the file by hand',
    }),
  badDocument: (file: string, role: string, what: string, reason: string): ExportProblem =>
    exportProblem({
      file,
      role,
      message: `${what} does not parse as a policy document, neither as a JSON object nor as URL-encoded JSON text (${reason})`,
      fix: 'export the account again; the CLI prints documents as JSON objects and the raw API as URL-encoded text, and both are read',
    }),
  mixedAccounts: (file: string, role: string, account: string, first: string): ExportProblem =>
    exportProblem({
      file,
      role,
      message: `the role is in account ${account}, while the file's first role is in account ${first}`,
      fix: 'give one file per account: run `aws iam get-account-authorization-details` once per account',
    }),
  noAccount: (file: string): ExportProblem =>
    exportProblem({
      file,
      message: 'nothing in the file names its account (no role, user, group or customer managed policy ARN)',
      fix: 'leave out exports of accounts without roles, or export the account again',
    }),
  accountNotNamed: (file: string, role: string | undefined, account: string, named: readonly string[]): ExportProblem =>
    exportProblem({
      file,
      role,
      message: `the export is of account ${account}, which no --account names (named: ${named.join(', ')})`,
      fix: `add --account <name>=${account}, or leave this file out`,
    }),
  noRoleExport: (files: readonly string[]): ExportProblem =>
    exportProblem({
      file: files.join(', '),
      message: 'none of the files is an export of roles (only OIDC provider listings or list-roles output)',
      fix: 'add the output of `aws iam get-account-authorization-details --output json` for each account',
    }),
  regionNotInPartition: (file: string, account: string, partition: string, region: string, regionPartition: string | undefined): ExportProblem =>
    exportProblem({
      file,
      message: `account ${account} is in partition ${partition} (its ARNs read arn:${partition}:), but --region ${region} is ${regionPartition ? `a region of partition ${regionPartition}` : 'a region of an isolated partition, which the spec does not support'}`,
      fix: `give a region of ${partition} (e.g. --region ${partition === 'aws-cn' ? 'cn-north-1' : partition === 'aws-us-gov' ? 'us-gov-west-1' : 'us-east-1'}), or leave --region out: each account then gets a region of its own partition`,
    }),
  badAccountArg: (arg: string): ExportProblem =>
    exportProblem({
      file: '--account',
      message: `"${arg}" is not NAME=ID`,
      fix: 'write --account data-lake=222222222222 (a name that starts with a letter, and the 12-digit account id)',
    }),
  reservedAccountName: (name: string, id: string, reserved: string): ExportProblem =>
    exportProblem({
      file: '--account',
      message: `the name "${name}" is reserved: modules/${reserved}/ holds the workload settings, so an account of that name would share their folder`,
      fix: `give the account another name, e.g. --account ${name}-account=${id}`,
    }),
  repeatedAccountName: (name: string, first: string, second: string): ExportProblem =>
    exportProblem({
      file: '--account',
      message: `the name "${name}" is given to two accounts, ${first} and ${second}; the spec needs one name per account`,
      fix: `give each account its own name, e.g. --account ${name}=${first} --account ${name}-2=${second}`,
    }),
  repeatedAccountId: (id: string, first: string, second: string): ExportProblem =>
    exportProblem({
      file: '--account',
      message: `account ${id} is named twice, "${first}" and "${second}"`,
      fix: `keep one --account NAME=${id}`,
    }),
};
