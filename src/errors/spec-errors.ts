/**
 * The problems of the spec, one group: what the loader, the resolver and the
 * trust builders (the workload presets) report (schema problems come from zod,
 * with their Remedy). Each factory takes the file and the field path first and
 * returns a {@link Problem}; the reporter (the resolver's `report`, a trust
 * builder's `ctx.report`) knows where the field is and passes them in.
 */
import type { Problem } from './problem';
import { describeChar, quoteValue } from './text';

/** Factories for the problems of the spec, each `(file, path, ...) => Problem`. */
export const problems = {
  unknownAccount: (file: string, path: string, name: string, known: readonly string[]): Problem => ({
    file,
    path,
    message: `account "${name}" is not declared`,
    fix: `use one of the declared account names (${known.join(', ') || 'none declared'}) or add an account named "${name}" under accounts`,
  }),
  unknownIssuerAccount: (file: string, path: string, account: string, known: readonly string[]): Problem => ({
    file,
    path,
    message: `account "${account}" is not declared`,
    fix: `name the account the issuer's cluster runs in, one of: ${known.join(', ') || 'none declared'}`,
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
  unknownManagementAccount: (file: string, path: string, given: string, known: readonly string[]): Problem => ({
    file,
    path,
    message: `the management account ${JSON.stringify(given)} is neither the name nor the id of a spec account`,
    fix: `name one of the declared accounts (${known.join(', ') || 'none declared'}), or declare the management account under accounts (roles may be empty), e.g. - { name: management, id: "<12 digits>", region: us-east-1 }`,
  }),
  guardrailStatementTooLarge: (file: string, path: string, sid: string, size: number, max: number, what: string): Problem => ({
    file,
    path,
    message: `the guardrail statement ${sid} (${what}) alone is ${size} characters; a resource control policy holds at most ${max}, and a negated list cannot be split across policies without denying every caller`,
    fix: 'trust fewer tenants or third parties on that fence (e.g. one GitHub owner per organization), or leave that guardrail out of organization.guardrails and fence it by hand',
  }),
  tooManyGuardrailPolicies: (file: string, path: string, count: number, max: number): Problem => ({
    file,
    path,
    message: `the guardrails need ${count} resource control policies; a root, OU or account holds at most ${max} besides AWS's RCPFullAWSAccess (5 in all)`,
    fix: 'leave a guardrail out of organization.guardrails, or trust fewer tenants or third parties, so that the statements fit in fewer policies',
  }),
  duplicateRole: (file: string, path: string, name: string, account: string): Problem => ({
    file,
    path,
    ruleId: 'IAM002',
    message: `role name "${name}" is used twice in account "${account}" (IAM role names are unique case-insensitively)`,
    fix: 'rename one of the roles or merge their trust entries into one role',
  }),
  providerTooOldForPodIdentity: (file: string, path: string, constraint: string, account: string, needed: string, example: string): Problem => ({
    file,
    path,
    message: `account "${account}" has a Pod Identity association with a target role or with session tags off, which needs AWS provider ${needed} or later, and ${JSON.stringify(constraint)} admits older ones`,
    fix: `raise the lower bound, e.g. awsProviderVersion: "${example}"`,
  }),
  targetInSpec: (file: string, path: string, arn: string, account: string, clusterAccount: string, role: string): Problem => ({
    file,
    path,
    message: `targetRoleArn ${quoteValue(arn, 120)} is a role of account "${account}", which the spec declares: its trust would be written twice`,
    fix: `move the entry to that role, with clusterAccount: ${clusterAccount} and via: <a new role name>: the tool then creates the via role here, with the association, in place of "${role}"'s`,
  }),
  viaTaken: (file: string, path: string, name: string, account: string): Problem => ({
    file,
    path,
    ruleId: 'IAM002',
    message: `via names role "${name}", which account "${account}" already has (IAM role names are unique case-insensitively); via is the role this entry creates there`,
    fix: 'choose a name no other role of that account uses, e.g. <service account>-pod-identity',
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
  suppressionOnlyPerRole: (file: string, path: string, rule: string): Problem => ({
    file,
    path,
    ruleId: 'LINT002',
    message: `${rule} cannot be suppressed for a whole account: it accepts the failing access checks of one role`,
    fix: `move the suppression to each role whose failing checks are meant, with a reason for each`,
  }),
  suppressionUnused: (file: string, path: string, rule: string): Problem => ({
    file,
    path,
    ruleId: 'LINT003',
    message: `the suppression of ${rule} matches no finding`,
    fix: 'remove the suppression',
  }),
  controlCharacter: (file: string, path: string, value: string, index: number, isKey: boolean): Problem => ({
    file,
    path,
    message: `the ${isKey ? 'key' : 'value'} ${quoteValue(value)} has the invisible character ${describeChar(value.slice(index, index + 1))} at position ${index + 1}; it would end up in a policy, a name, a tag or a generated file`,
    fix: /[\n\r]$/.test(value)
      ? 'remove the line break: a `|` or `>` block keeps the final newline, so write the value on one line (or use `|-`)'
      : 'remove the character: retype the value, or copy it again from its source as plain text',
  }),
  cdktfTokenMarker: (file: string, path: string, value: string, index: number, isKey: boolean): Problem => ({
    file,
    path,
    message: `the ${isKey ? 'key' : 'value'} ${quoteValue(value)} has ${JSON.stringify(value.slice(index, index + 10))} at position ${index + 1}, cdktf's marker of a token: cdktf would write another value in its place, or fail`,
    fix: 'remove the marker: no IAM name, ARN, tag or policy needs it',
  }),
  lossyNumber: (
    file: string,
    path: string,
    n: { readonly source: string; readonly read: string; readonly key?: string; readonly detail?: string },
  ): Problem => ({
    file,
    path,
    message: `YAML reads the unquoted ${n.source} as the number ${n.read}${lossReason(n.source, n.read)}${n.detail ? `: ${n.detail}` : ''}`,
    fix: `quote it, since unquoted numbers lose leading zeros and digits beyond the 16th: ${n.key ? `${n.key}: ` : ''}"${n.source}"`,
  }),
  nestedTooDeep: (file: string, path: string, limit: number): Problem => ({
    file,
    path: path || '(top level)',
    message: `the spec nests deeper than ${limit} levels here; no field of the spec is that deep`,
    fix: 'remove the extra nesting: a spec is a few levels of maps and lists (accounts, roles, trust, ...)',
  }),
  duplicateKey: (file: string, line: number | undefined, key: string): Problem => ({
    file: line ? `${file}:${line}` : file,
    path: '(document)',
    message: `the key ${quoteValue(key)} appears twice in the same map${line ? ` (the second time at line ${line})` : ''}; a YAML or JSON reader would silently keep only one of them`,
    fix: `keep one ${quoteValue(key)} in that map: remove or rename the other`,
  }),
  severalDocuments: (file: string, line: number | undefined): Problem => ({
    file: line ? `${file}:${line}` : file,
    path: '(document)',
    message: `the file holds several YAML documents (a second one starts${line ? ` at line ${line}` : ''} with "---"); a spec is one document`,
    fix: 'keep one document: remove the "---" line and merge what follows into the spec, or put it in a file of its own',
  }),
  notUtf8: (file: string, what: string, utf16: boolean): Problem => ({
    file,
    path: '(file)',
    message: `this file is not UTF-8 text: ${what}`,
    fix: utf16
      ? 'save it as UTF-8: in PowerShell `Get-Content spec.yaml | Set-Content -Encoding utf8 spec.utf8.yaml` (PowerShell 5 writes UTF-16 with `>`), or `iconv -f UTF-16 -t UTF-8 spec.yaml > spec.utf8.yaml`'
      : 'point SPEC_FILE (or --spec) at the YAML spec, saved as UTF-8 text',
  }),
  unknownDiscriminator: (file: string, path: string, what: string, value: unknown, options: readonly unknown[]): Problem => ({
    file,
    path,
    message:
      value === undefined
        ? `${what} is missing`
        : `unknown ${what} ${typeof value === 'string' ? quoteValue(value) : (JSON.stringify(value) ?? String(value))}`,
    fix: `use one of: ${options.map((o) => String(o)).join(', ')}`,
  }),
  crossPartition: (file: string, path: string, arn: string, partition: string, accountPartition: string, account: string): Problem => ({
    file,
    path,
    message: `${quoteValue(arn, 120)} is in partition ${partition}, but account "${account}" is in ${accountPartition}; IAM refuses principals and policies of another partition at apply`,
    fix: `use an ARN of the ${accountPartition} partition (arn:${accountPartition}:...), or move the role to an account of partition ${partition}`,
  }),
  regionNotInPartition: (file: string, path: string, region: string, partition: string, expected: string): Problem => ({
    file,
    path,
    message: `region ${region} is not in partition ${partition}`,
    fix: `set partition: ${expected}, or use a region of ${partition}`,
  }),
  connectionForOutsideCaller: (file: string, path: string, caller: string): Problem => ({
    file,
    path,
    message: `airflowConnection asks for an Airflow connection, but the caller ${caller} is not a role of this spec, so our Airflow is not the one assuming the role`,
    fix: 'remove airflowConnection: the third party configures its own side; write the connection only for callers declared in the spec',
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
  // The problems of the trust builders (the workload presets: GitHub Actions, the CI presets, Pod Identity, several issuers, IAM users),
  // reported at a field of the trust entry, and of the policies and role names the resolver defines.
  notGithubIssuer: (file: string, path: string, issuer: string, url: string): Problem => ({
    file,
    path,
    message: `issuer "${issuer}" (${url}) is not GitHub Actions' token issuer`,
    fix: 'name an issuer whose url is https://token.actions.githubusercontent.com (or your enterprise issuer below it), https://token.actions.<subdomain>.ghe.com, or https://<hostname>/_services/token of GitHub Enterprise Server',
  }),
  notVendorIssuer: (file: string, path: string, issuer: string, url: string, vendor: string, expected: string): Problem => ({
    file,
    path,
    message: `issuer "${issuer}" (${url}) is not the token issuer of ${vendor}`,
    fix: `name an issuer whose url is ${expected}`,
  }),
  duplicatePolicy: (file: string, path: string, name: string, account: string): Problem => ({
    file,
    path,
    message: `policy "${name}" is defined twice in account "${account}"`,
    fix: 'define each customer-managed policy once per account; attach it to as many roles as need it',
  }),
  prefixedNameTooLong: (file: string, path: string, name: string): Problem => ({
    file,
    path,
    ruleId: 'IAM001',
    message: `with its name prefix, the role name "${name}" has ${name.length} characters; IAM allows at most 64`,
    fix: 'shorten the role name or the namePrefix',
  }),
  claimWithoutIssuer: (file: string, path: string, claim: string): Problem => ({
    file,
    path,
    message: `extra condition on claim "${claim}", but this trust entry trusts no OIDC issuer whose claims could carry it`,
    fix: 'use key: <global condition key> for this trust type, or move the condition to an OIDC trust entry',
  }),
  repeatedCondition: (
    file: string,
    path: string,
    c: { readonly test: string; readonly variable: string; readonly values: readonly string[] },
    index: number,
    earlier:
      { readonly pinned: { readonly values: readonly string[] } } | { readonly extra: number; readonly condition: { readonly values: readonly string[] } },
  ): Problem => ({
    file,
    path,
    message:
      'pinned' in earlier
        ? `extra condition ${c.test} ${c.variable} = ${list(c.values)} repeats the ${c.test} condition this trust entry already writes on ${c.variable} (= ${list(earlier.pinned.values)}): Terraform would merge the two into one list, which IAM reads as OR, so either value would be let in`
        : `extra condition ${c.test} ${c.variable} = ${list(c.values)} repeats conditions[${earlier.extra}] (= ${list(earlier.condition.values)}) with other values: Terraform would merge the two into one list, which IAM reads as OR, so either value would be let in`,
    fix:
      'pinned' in earlier
        ? `remove conditions[${index}]: the entry's own fields already pin ${c.variable}; to allow other values, change those fields (or give the condition exactly the values the entry pins)`
        : `write one condition on ${c.variable} listing every value to accept (its values are ORed), or remove one of the two: one IAM statement cannot require two ${c.test} values of one key`,
  }),
  repeatedPolicyCondition: (
    file: string,
    path: string,
    c: { readonly test: string; readonly variable: string; readonly values: readonly string[] },
    first: number,
    earlier: { readonly values: readonly string[] },
  ): Problem => ({
    file,
    path,
    message: `condition ${c.test} ${c.variable} = ${list(c.values)} repeats conditions[${first}] (= ${list(earlier.values)}) with other values: Terraform would merge the two into one list, which IAM reads as OR, so either value would match`,
    fix: `write one condition on ${c.variable} listing every value to accept (its values are ORed), or remove one of the two: one IAM statement cannot require two ${c.test} values of one key`,
  }),
  claimNotAccepted: (file: string, path: string, claim: string, host: string, accepted: readonly string[]): Problem => ({
    file,
    path,
    message: `STS does not accept claim "${claim}" of issuer ${host} as a condition key: the condition would never match and nobody could assume the role`,
    fix: `test one of the claims STS accepts for this issuer (docs/issuers.md): ${accepted.join(', ')}`,
  }),
  /** `field`: the entry's field that pins the claim (the problem is reported there). */
  idClaimNotAccepted: (file: string, path: string, field: string, claim: string, issuer: string, url: string, vendor: string): Problem => ({
    file,
    path,
    message: `${field} pins the token's "${claim}" claim, but STS does not accept that claim of issuer "${issuer}" (${url}) as a condition key: the condition would never match and nobody could assume the role`,
    fix: `remove ${field}: STS takes no ${vendor} claim of this issuer (only of the hosted issuers AWS lists, docs/issuers.md), so here the subject alone pins the trust`,
  }),
  audienceNotClientId: (file: string, path: string, issuer: string, audience: string): Problem => ({
    file,
    path,
    message: `the trust requires aud "${audience}", which is not a client id of issuer "${issuer}": IAM would reject every token`,
    fix: `add "${audience}" to issuers.${issuer}.clientIds`,
  }),
  issuerTwice: (file: string, path: string, issuer: string): Problem => ({
    file,
    path,
    message: `issuer "${issuer}" is listed twice in one web-identity trust`,
    fix: 'list each issuer once, with all of its subjects',
  }),
  githubIdWildcard: (file: string, path: string, subject: string, id: string): Problem => ({
    file,
    path,
    message: `GitHub subject "${subject}" has "@${id}" where GitHub writes a numeric owner or repository id: any owner or repository that takes over the name matches again, the name-recycling risk the id form closes`,
    fix: 'write the numeric ids (gh api repos/OWNER/REPO --jq .owner.id,.id), e.g. repo:octo-org@1234567/deploy@89012345:ref:refs/heads/main, or use a github-actions entry with ownerId and repositoryId',
  }),
  iamUserNotAllowed: (file: string, path: string, user: string): Problem => ({
    file,
    path,
    message: `the iam-user trust gives IAM user "${user}" a long-lived access key, and access keys are off`,
    fix: 'prefer a role trust (aws-role, kubernetes-service-account, eks-pod-identity); if a key is unavoidable, set options.allowIamUserAccessKeys: true',
  }),
  clusterInOwnAccount: (file: string, path: string, clusterAccount: string): Problem => ({
    file,
    path,
    message: `clusterAccount ${JSON.stringify(clusterAccount)} is this role's own account`,
    fix: "remove clusterAccount and via: a cluster in the role's own account uses the role directly",
  }),
};

/** Why a YAML number differs from its source: leading zeros, digits beyond double precision, or another notation. */
function lossReason(source: string, read: string): string {
  if (/^[-+]?0\d/.test(source)) return ', dropping the leading zero';
  const digits = source.replace(/^[-+]/, '');
  if (/^\d+$/.test(digits) && digits.length > 15) return ', keeping only the first 16 or 17 digits';
  return read === source ? '' : ', not as written';
}

/** A condition's values as the message shows them: `[a, b]`. */
const list = (values: readonly string[]) => `[${values.join(', ')}]`;
