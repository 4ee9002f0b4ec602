/**
 * The part of modules-e2e.test.ts in the shared plan: the default example and the presets example,
 * each as `.tf.json` and as `.tf` modules, the modules of a spec that repeats pinned keys with the same
 * values (class 1 of issue 26), and `control.tf`, a hand-written trust with two condition blocks on one
 * operator and key, as the generator used to write (the provider merges them into one list, which IAM
 * reads as OR), plus one deprecated argument, the one warning the plan must report.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpecFile, parseSpecYaml } from '../../../../src/input/load';
import { loadSpec, synthesize } from '../../../../src/synth';
import { modulesPart, type ModuleSet } from '../modules-root';
import type { PlanPart } from '../shared-plan';

/** Extra conditions that repeat a key the entry pins, with the same values: folded into the one block. */
const EXACT_SPEC = `version: 1
accounts:
  - name: exact-platform
    id: "101010101010"
    region: eu-west-1
    roles:
      - name: org-reader
        trust:
          - type: aws-organization
            organizationId: o-a1b2c3d4e5
            conditions: [{ test: StringEquals, key: aws:PrincipalOrgID, values: [o-a1b2c3d4e5] }]
      - name: vendor
        trust:
          - type: aws-role
            role: arn:aws:iam::999000000001:role/vendor
            externalId: x-1
            conditions: [{ test: StringEquals, key: sts:ExternalId, values: [x-1] }, { test: StringEquals, key: aws:SourceAccount, values: ["999000000001"] }]
`;

/** A role of the root whose trust is a policy document with two StringEquals blocks on aws:PrincipalOrgID, as the generator used to write. */
const CONTROL = `
data "aws_iam_policy_document" "two_blocks" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-a1b2c3d4e5"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-zzzzzzzzzz"]
    }
  }
}

resource "aws_iam_role" "two_blocks" {
  name               = "two-blocks"
  assume_role_policy = data.aws_iam_policy_document.two_blocks.json
}

# The one warning of the root: proves that the plan reports the validation's warnings (a deprecated argument).
resource "aws_iam_role" "warns" {
  name                = "warns"
  assume_role_policy  = data.aws_iam_policy_document.two_blocks.json
  managed_policy_arns = []
}
`;

export interface ModulesE2e {
  /** `<format>_<example>`: json_default, hcl_default, json_presets, hcl_presets (the exact spec's set is not among them). */
  readonly sets: ModuleSet[];
  readonly part: PlanPart;
}

export function preparePart(work: string): ModulesE2e {
  const specs = { default: loadSpec(''), presets: loadSpecFile(join(__dirname, '..', '..', '..', '..', 'examples', 'presets', 'spec.yaml')) };
  const sets: ModuleSet[] = [];
  for (const [name, loaded] of Object.entries(specs)) {
    for (const format of ['json', 'hcl'] as const) {
      const { model, modulesDir } = synthesize(loaded, {
        outdir: join(work, `${name}-${format}-out`),
        modulesDir: join(work, `${name}-${format}`),
        moduleFormat: format,
        offline: false,
      });
      sets.push({ model, modulesDir: modulesDir!, prefix: `${format}_${name}` });
    }
  }
  const exact = synthesize(parseSpecYaml(EXACT_SPEC, 'exact.yaml'), { outdir: join(work, 'exact-out'), modulesDir: join(work, 'exact'), offline: false });
  const part = modulesPart(work, [...sets, { model: exact.model, modulesDir: exact.modulesDir!, prefix: 'exact' }]);
  writeFileSync(join(part.rootDir, 'control.tf'), CONTROL);
  return { sets, part };
}
