/**
 * `suppressions:` of a role or an account: lint findings accepted, each with
 * its rule id and a written reason.
 */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { RULE_ID } from '../primitives/patterns';

/**
 * Accepting a finding of the lint pack: the rule id and a written reason (at
 * least 10 characters, as in cdk-nag). The finding still shows, marked suppressed.
 */
const suppression = z.strictObject({
  rule: z
    .string({ error: fix('a suppression names the rule it accepts', 'write the rule id, e.g. rule: TRUST005') })
    .regex(RULE_ID, fix('not a rule id', 'write the id shown with the finding, e.g. TRUST005'))
    .meta({ description: 'The id of the lint rule whose finding is accepted, as shown with the finding (docs/rules.md).', examples: ['TRUST005'] }),
  reason: z
    .string({
      error: fix(
        'a suppression needs a written reason',
        'say why the finding is acceptable here, e.g. reason: "vendor role; the vendor cannot send an ExternalId"',
      ),
    })
    .trim()
    .min(10, fix('a suppression reason has at least 10 characters', 'say why the finding is acceptable here, in a sentence'))
    .meta({
      description: 'Why the finding is acceptable here: a sentence of at least 10 characters.',
      examples: ['vendor role; the vendor cannot send an ExternalId'],
    }),
});

/** A role's or an account's accepted findings. */
export const suppressions = z
  .array(suppression)
  .default([])
  .meta({ description: 'Lint findings accepted here, each with its rule id and a written reason; the finding still shows, marked suppressed.' });
