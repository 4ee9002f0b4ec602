/** `cross-account-iam import`: a spec that reproduces existing roles, each proved to grant the same access. */
import { resolve } from 'node:path';
import { parseBrownfieldArgs } from '../brownfield-args';
import { exportWarnings, parseAccountArgs, readExports } from '../../brownfield/export';
import { importExport } from '../../brownfield/import';
import { byHandAssociations, byHandGrants, importYaml } from '../../brownfield/spec-yaml';
import { writeFileAtomic } from '../../output/write-file';
import { REGION } from '../../input/primitives/patterns';
import { writingTo } from '../env-failure';
import type { Verb } from '../verb';
import { cliProblems, ExportError, UserError } from '../../errors';

const usage = `Usage: cross-account-iam import --iam-export FILE... [--account NAME=ID ...] [--region REGION] [--out FILE]

Writes a spec (YAML, on stdout or to --out) that reproduces the roles of the
exports: trust entries of the known types, inline policies, managed policy
attachments, path, max session, permissions boundary, tags, description, and
adopt: true so that Terraform imports each role instead of creating it. A role
imports only when the trust policy synthesis would write grants exactly the
exported access (proved with the access evaluator); every other role is listed
with the reason, on stderr and at the top of the spec. Trust the lint pack
objects to is imported as it is, with a suppression saying so. Nothing is
written to a role the spec does not take over: a grant it would need is
listed as a statement to add by hand. Roles AWS owns (service-linked,
IAM Identity Center) are listed as AWS-managed and never adopted.

  --iam-export FILE...  export files (every argument that is not a flag is one more)
  --account NAME=ID     the spec name of an account (default account-<id>); when given,
                        every export must be of a named account
  --region REGION       the region written for every account, of the exports' partition
                        (default: us-east-1, cn-north-1 or us-gov-west-1, by partition)
  --out FILE            write the spec here instead of stdout

Exit codes: 0 the spec was written, 2 bad input or usage (nothing is written).
`;

export const verb: Verb = {
  name: 'import',
  summary: 'Import existing IAM roles from an IAM export into a spec, with adopt: true',
  usage,
  run(argv, io) {
    const args = parseBrownfieldArgs(argv, { region: true });
    if ('usage' in args) {
      io.stderr(`import: ${args.usage}\n\n${usage}`);
      return 2;
    }
    if (args.help) {
      io.stdout(usage);
      return 0;
    }
    if (args.region !== undefined && !REGION.test(args.region)) throw new UserError(cliProblems.notARegion('import', args.region));
    try {
      const names = args.accounts.length > 0 ? parseAccountArgs(args.accounts) : undefined;
      const exp = readExports(args.exports, { cwd: io.cwd, accountNames: names });
      const warnings = exportWarnings(exp, names).map((w) => `warning: ${w}`);
      const result = importExport(exp, { region: args.region, specName: args.out ?? '<stdout>' });
      const yaml = importYaml(result, args.exports);
      if (args.out) {
        const file = resolve(io.cwd, args.out);
        writingTo([file], () => writeFileAtomic(file, yaml));
      } else io.stdout(yaml);
      const lines = [
        ...warnings,
        `${result.imported.length} roles imported${args.out ? ` into ${args.out}` : ''}; ${result.skipped.length} not imported${result.awsManaged.length > 0 ? `; ${result.awsManaged.length} AWS-managed, not adopted` : ''}.`,
      ];
      for (const s of result.skipped) lines.push(`not imported: ${s.arn} (${s.file}): ${s.reason}`);
      for (const s of result.awsManaged) lines.push(`AWS-managed, not adopted: ${s.arn} (${s.file}): ${s.reason}`);
      for (const g of byHandGrants(result)) lines.push(`to add by hand: ${g}`);
      for (const a of byHandAssociations(result)) lines.push(`kept by hand: ${a}`);
      for (const r of result.imported)
        if (r.suppressed.length > 0) lines.push(`imported as it was, with suppressed findings ${r.suppressed.join(', ')}: ${r.arn}`);
      io.stderr(`${lines.join('\n')}\n`);
      return 0;
    } catch (e) {
      if (e instanceof ExportError) {
        io.stderr(`${e.message}\n`);
        return 2;
      }
      throw e;
    }
  },
};
