/** The spec's `options`: the module format, the iam-user opt-in and the AWS provider versions. */
import { z } from 'zod';
import { awsProviderVersionField, DEFAULT_AWS_PROVIDER_VERSION } from './provider-version';

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
