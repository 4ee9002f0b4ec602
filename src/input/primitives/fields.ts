/**
 * Field primitives shared by every part of the schema, so that a new field of
 * the same kind gets the same checks by using them:
 *
 * - {@link fix} is a static message with its fix (and rule id) as data;
 * - {@link issue} raises a message that names the value read, with its fix;
 * - {@link idString} is any id-like value (account ids, Google unique ids,
 *   GitHub owner and repository ids): text, or a number only when it is exact;
 *   {@link accountId} is the AWS account id, {@link identifier} a name the spec gives;
 * - {@link iamText} is text in one of IAM's character sets (descriptions, tags);
 * - {@link tagsField} is IAM's tag rules; {@link iamPath}, {@link policyRef} and
 *   {@link roleArnField} are IAM paths, policy references and role ARNs.
 *
 * The patterns they test are in `patterns.ts`, the IAM limits in `limits.ts`.
 *
 * Two checks cover every field without any primitive: the loader refuses
 * control and invisible characters in any key or value, and unquoted YAML
 * numbers that do not read back as written in any field that takes text
 * (`load.ts`).
 */
import { z } from 'zod';
import { quoteValue, withArticle, type Remedy } from '../../errors';
import { LIMITS } from './limits';
import { ACCOUNT_ID, PARTITIONS, SPEC_NAME } from './patterns';

/**
 * A role ARN field (`field` names it in messages, `example` is a valid value):
 * `arn:<partition>:iam::<12 digits>:role/<path and name>`, the rest matching
 * `tail` (a regular expression source), and the partition one of {@link PARTITIONS}.
 */
export function roleArnField(field: string, example: string, tail = '.+') {
  const shape = new RegExp(`^arn:([^:]*):iam::\\d{12}:role\\/${tail}$`);
  return z
    .string({ error: fix(`expected ${field} as text`, `write the full ARN, e.g. ${field}: ${example}`) })
    .regex(shape, fix(`${field} must be a role ARN`, `write the full ARN, e.g. ${field}: ${example}`))
    .superRefine((arn, ctx) => {
      const partition = shape.exec(arn)?.[1];
      if (partition !== undefined && !(PARTITIONS as readonly string[]).includes(partition)) {
        issue(
          ctx,
          `${quoteValue(arn, 120)} names the partition ${JSON.stringify(partition)}, which is not an AWS partition`,
          `write the ARN in one of the partitions ${PARTITIONS.join(', ')}, e.g. ${example}`,
        );
      }
    });
}

/**
 * A static schema message with its fix (and rule id): zod's error map for one
 * check or schema. It gives zod the message and puts the {@link Remedy} on the
 * issue it raises, as that issue's `params` (where {@link issue} puts it), so
 * the fix travels with the issue as data (`zod-problems.ts` reads it there).
 * It serves both as a check's params (`.min(1, fix(...))`, through its own
 * `error`) and as a schema's `error` (`z.string({ error: fix(...) })`).
 */
export interface SchemaFix {
  /** zod's error map: the message, with the remedy put on the raw issue. */
  (issue: object): string;
  /** Itself: a check's params read their error map here. */
  readonly error: SchemaFix;
  /** The message zod reports. */
  readonly text: string;
  /** The fix (and rule id) the issue carries. */
  readonly remedy: Remedy;
}

export function fix(message: string, howToFix: string, ruleId?: string): SchemaFix {
  const remedy: Remedy = ruleId ? { fix: howToFix, ruleId } : { fix: howToFix };
  const map = (iss: object): string => {
    const raw = iss as { params?: unknown };
    raw.params ??= remedy;
    return message;
  };
  // `error` is enumerable (zod copies a check's params into its definition); `text` and `remedy` are not, so zod never sees them.
  return Object.defineProperties(map, { error: { value: map, enumerable: true }, text: { value: message }, remedy: { value: remedy } }) as SchemaFix;
}

/** Raises a custom issue whose message names the value read; the fix travels as the issue's params. */
export function issue(ctx: { addIssue(i: z.core.$ZodRawIssue): void }, message: string, howToFix: string, ruleId?: string): void {
  const params: Remedy = ruleId ? { fix: howToFix, ruleId } : { fix: howToFix };
  ctx.addIssue({ code: 'custom', message, params, input: undefined });
}

/** A number as the user reads it back: `1.0987654321098766e+20` stays in that notation, safe integers in digits. */
function numberText(v: number): string {
  return String(v);
}

export interface IdSpec {
  /** What the id is, for messages: `AWS account id`. */
  readonly what: string;
  /** The exact form, e.g. /^\d{12}$/. */
  readonly pattern: RegExp;
  /** The form in words: `exactly 12 digits`. */
  readonly form: string;
  /** The field name and a valid example, for the quoting fix. */
  readonly key: string;
  readonly example: string;
  /** Where to copy the value from, appended to the fix. */
  readonly source?: string;
}

/**
 * An id-like value: a string in `pattern`, or a number only when it is a safe
 * integer (every digit kept) whose digits match. The message names the value
 * read; the fix is to quote it. YAML numbers that lost leading zeros or digits
 * before they got here are reported by the loader, which knows the source text.
 */
export function idString(spec: IdSpec) {
  const quoteFix = `write it as a quoted string, e.g. ${spec.key}: "${spec.example}"${spec.source ? ` (${spec.source})` : ''}`;
  return z
    .union([z.string(), z.number()], { error: fix(`expected the ${spec.what} as text`, quoteFix) })
    .transform((v, ctx) => {
      if (typeof v === 'number' && !Number.isSafeInteger(v)) {
        issue(ctx, `the ${spec.what} was given as the number ${numberText(v)}, which cannot hold every digit of an id`, quoteFix);
        return z.NEVER;
      }
      const text = typeof v === 'number' ? numberText(v) : v;
      if (!spec.pattern.test(text)) {
        const read = typeof v === 'number' ? `the number ${text}` : quoteValue(text);
        const digits = /^\d+$/.test(text) ? ` (${text.length} digit${text.length === 1 ? '' : 's'})` : '';
        issue(ctx, `${withArticle(spec.what)} is ${spec.form}; read ${read}${digits}`, quoteFix);
        return z.NEVER;
      }
      return text;
    })
    .meta({ description: `The ${spec.what}, as a quoted string: ${spec.form}.${spec.source ? ` From ${spec.source}.` : ''}`, examples: [spec.example] });
}

/** An AWS account id: the spec's accounts and the `aws-account` trust type. */
export const accountId = idString({
  what: 'AWS account id',
  pattern: ACCOUNT_ID,
  form: 'exactly 12 digits',
  key: 'id',
  example: '011111111111',
  source: 'the id as the console or `aws sts get-caller-identity` shows it, leading zeros included',
});

/** A name the spec gives (an account, an issuer): {@link SPEC_NAME}. */
export const identifier = (what: string) =>
  z
    .string({ error: fix(`expected the ${what} as a string`, `write the ${what} as text`) })
    .regex(SPEC_NAME, fix(`${withArticle(what)} starts with a letter and has at most 64 letters, digits, "-" or "_"`, `rename it, e.g. "data-lake"`));

/**
 * IAM role descriptions: `[\t\n\r\u0020-\u007E\u00A1-\u00FF]*`, at most 1000
 * characters (the loader already refuses tabs and line breaks).
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
 */
export const IAM_DESCRIPTION = /^[\u0020-\u007E\u00A1-\u00FF]*$/;
/**
 * IAM tag keys and values: letters, digits, spaces and `_ . : / = + - @` in any
 * language (`[\p{L}\p{Z}\p{N}_.:/=+\-@]`).
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html
 */
export const IAM_TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const TAG_LIMITS = { keyLength: 128, valueLength: 256, count: 50 } as const;

/** Text in one of IAM's character sets (`chars` matches a whole text: `^[...]*$`); the message lists the characters that are not. */
export function iamText(what: string, chars: RegExp, max: number, charsInWords: string) {
  return z.string({ error: fix(`expected the ${what} as text`, `write the ${what} in quotes`) }).superRefine((v, ctx) => {
    if (v.length > max) issue(ctx, `the ${what} has ${v.length} characters; IAM allows at most ${max}`, `shorten the ${what} to ${max} characters or fewer`);
    // `chars` tests the whole text (`^[...]*$`): only text it refuses is taken apart, character by character, for the message.
    if (chars.test(v)) return;
    const bad = [...new Set([...v].filter((c) => !chars.test(c)))];
    if (bad.length > 0)
      issue(ctx, `the ${what} ${quoteValue(v)} has characters IAM does not allow: ${bad.map((c) => JSON.stringify(c)).join(' ')}`, `use only ${charsInWords}`);
  });
}

const TAG_CHARS_IN_WORDS = 'letters, digits, spaces and _ . : / = + - @';

/**
 * IAM tags: keys of 1-128 and values of 0-256 characters of
 * {@link IAM_TAG_CHARS}, no key starting with the reserved `aws:`, at most 50
 * tags.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html#id_tags_rules_creating
 */
export const tagsField = z
  .record(
    z.string().superRefine((key, ctx) => {
      if (key.length === 0 || key.length > TAG_LIMITS.keyLength) {
        issue(ctx, `the tag key ${quoteValue(key)} has ${key.length} characters; IAM allows 1 to ${TAG_LIMITS.keyLength}`, 'shorten the tag key');
      }
      if (/^aws:/i.test(key))
        issue(
          ctx,
          `the tag key ${quoteValue(key)} starts with "aws:", which AWS reserves for its own tags`,
          'rename the key without the "aws:" prefix, e.g. "team"',
        );
      const bad = IAM_TAG_CHARS.test(key) ? [] : [...new Set([...key].filter((c) => !IAM_TAG_CHARS.test(c)))];
      if (bad.length > 0)
        issue(
          ctx,
          `the tag key ${quoteValue(key)} has characters IAM does not allow: ${bad.map((c) => JSON.stringify(c)).join(' ')}`,
          `use only ${TAG_CHARS_IN_WORDS}`,
        );
    }),
    iamText('tag value', IAM_TAG_CHARS, TAG_LIMITS.valueLength, TAG_CHARS_IN_WORDS),
    { error: fix('expected tags as a map of key: value', 'write tags: { team: data-platform }') },
  )
  .superRefine((tags, ctx) => {
    const keys = Object.keys(tags);
    if (keys.length > TAG_LIMITS.count)
      issue(ctx, `a role has ${keys.length} tags; IAM allows at most ${TAG_LIMITS.count}`, `keep at most ${TAG_LIMITS.count} tags`);
  })
  .meta({
    description: `IAM tags, key: value. Keys of 1-${TAG_LIMITS.keyLength} and values of 0-${TAG_LIMITS.valueLength} characters (${TAG_CHARS_IN_WORDS}), no key starting with "aws:", at most ${TAG_LIMITS.count} tags.`,
    examples: [{ team: 'data-platform' }],
  });

/** IAM003: `/` or `/segment/.../`, printable ASCII, at most 512 characters. */
export const iamPath = z
  .string({ error: fix('expected an IAM path', 'write the path as text, e.g. "/data-platform/"', 'IAM003') })
  .superRefine((path, ctx) => {
    if (path.length > LIMITS.path)
      issue(
        ctx,
        `the path has ${path.length} characters; IAM allows at most ${LIMITS.path}`,
        `shorten the path to ${LIMITS.path} characters or fewer`,
        'IAM003',
      );
    if (!/^\/([\x21-\x7e]+\/)?$/.test(path)) {
      issue(ctx, 'an IAM path starts and ends with "/" and has only printable ASCII characters, no spaces', 'write it like "/" or "/data-platform/"', 'IAM003');
    } else if (path.includes('//')) issue(ctx, 'an IAM path has no empty segment', 'remove the doubled "/"', 'IAM003');
  })
  .meta({
    description: 'The IAM path (IAM003): "/" or "/segment/.../", printable ASCII without spaces, at most 512 characters.',
    examples: ['/', '/data-platform/'],
  });

/** A role or policy named by name (resolved in the role's own account) or by full ARN (used as is). */
export const policyRef = z
  .string()
  .min(1, fix('empty policy reference', 'write a policy name or a full policy ARN'))
  .meta({
    description: "A policy by name (a customer-managed policy of the role's own account) or by full ARN (used as is).",
    examples: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'data-reader'],
  });
