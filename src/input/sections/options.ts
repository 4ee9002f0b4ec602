/** The spec's `options`: the module format, the iam-user opt-in and the AWS provider versions. */
import { z } from 'zod';
import { fix, issue } from '../primitives/fields';
import { admitsSomeFrom, DEFAULT_AWS_PROVIDER_VERSION, FIRST_UNREVIEWED, OLDEST_TESTED, parseConstraint } from './provider-version';

/** `options.awsProviderVersion`: a Terraform version constraint for hashicorp/aws that admits some version from 5.100.0 up to, not including, 7.0.0. */
const awsProviderVersionField = z
  .string({
    error: fix('expected a version constraint as text', `write a Terraform version constraint, e.g. awsProviderVersion: "${DEFAULT_AWS_PROVIDER_VERSION}"`),
  })
  .superRefine((text, ctx) => {
    if (!parseConstraint(text)) {
      issue(
        ctx,
        `${JSON.stringify(text)} is not a Terraform version constraint`,
        `write comma-separated conditions of = != > >= < <= or ~> and a version, e.g. "${DEFAULT_AWS_PROVIDER_VERSION}" or "~> 6.0"`,
      );
    } else if (!admitsSomeFrom(text, OLDEST_TESTED, FIRST_UNREVIEWED)) {
      issue(
        ctx,
        `${JSON.stringify(text)} admits no AWS provider from ${OLDEST_TESTED} up to (not including) ${FIRST_UNREVIEWED}, the versions the generated code is tested or reviewed with`,
        `allow a version in that range, e.g. "${DEFAULT_AWS_PROVIDER_VERSION}" or "~> 6.0"`,
      );
    }
  });

export const optionsSchema = z
  .strictObject({
    /** Plain modules as Terraform JSON (`.tf.json`, the default) or HCL (`.tf`). `MODULES_FORMAT` overrides it. */
    moduleFormat: z
      .enum(['json', 'hcl'])
      .default('json')
      .meta({ description: 'Plain modules as Terraform JSON (json, .tf.json) or HCL (hcl, .tf). MODULES_FORMAT overrides it.' }),
    /** Allow the `iam-user` trust: long-lived access keys. Off by default. */
    allowIamUserAccessKeys: z.boolean().default(false).meta({ description: 'true: allow the iam-user trust (long-lived access keys). Off by default.' }),
    /** The hashicorp/aws versions the modules and stacks accept, a Terraform version constraint. @default ">= 5.100, < 7.0" */
    awsProviderVersion: awsProviderVersionField.optional().meta({
      description:
        'The hashicorp/aws versions the modules and stacks accept: a Terraform version constraint that admits some version from 5.100.0 up to, not including, 7.0.0.',
      default: DEFAULT_AWS_PROVIDER_VERSION,
      examples: ['~> 6.0'],
    }),
  })
  .default({ moduleFormat: 'json', allowIamUserAccessKeys: false })
  .meta({ description: 'Spec-wide options: the module format, the iam-user opt-in and the AWS provider versions.' });

export type SpecOptions = z.output<typeof optionsSchema>;
