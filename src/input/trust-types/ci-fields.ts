/**
 * The fields the CI issuer presets build their schemas from: the issuer by
 * name, an `aud` value, a vendor's lower-case UUID, a git ref name, and the
 * "at least one branch or tag" check. A new preset uses these, so that bad
 * values are refused with the field and the fix.
 *
 * Messages carry their fix as data (`fix()` and `issue()` of `primitives/fields.ts`).
 */
import { z } from 'zod';
import { quoteValue } from '../../errors';
import { fix, issue } from '../primitives/fields';
import { UUID_SOURCE } from './ci-preset';

export const UUID_RE = new RegExp(`^${UUID_SOURCE}$`);

/** A spec issuer, by name. */
export const issuerField = z.string({ error: fix('expected the name of an issuer', 'name an issuer declared under issuers') });

/** An `aud` value: printable, no wildcard (it is pinned with StringEquals). */
export const audience = (what: string) =>
  z
    .string({ error: fix(`expected the ${what} as text`, `write the ${what}`) })
    .regex(/^[\x21-\x7e]{1,255}$/, fix(`the ${what} is 1 to 255 printable characters without spaces`, `copy the ${what} exactly`))
    .refine((v) => !/[*?]/.test(v), fix(`the ${what} has a wildcard, but aud is matched exactly`, `write the one ${what}`));

/** A lower-case UUID as the vendor writes it in its tokens; with `braces`, CircleCI's and Bitbucket's `{...}` form is accepted and dropped. */
export const uuid = (what: string, where: string, braces = true) =>
  z.string({ error: fix(`expected the ${what} as text`, `quote the ${what}`) }).transform((v, ctx) => {
    const id = braces ? v.replace(/^\{(.*)\}$/, '$1') : v;
    if (UUID_RE.test(id)) return id;
    // The token carries the lower-case form, and StringEquals is case-sensitive: an upper-case copy would never match.
    const lower = UUID_RE.test(id.toLowerCase()) ? `; write it in lower case, "${id.toLowerCase()}", as the token carries it` : '';
    issue(ctx, `the ${what} is a lower-case UUID; read ${quoteValue(v)}`, `copy it from ${where}, e.g. "0f2a6d58-0000-4b4b-9c3e-1d7e2f1a2b3c"${lower}`);
    return z.NEVER;
  });

/** Git ref names cannot hold `:`, spaces, `~ ^ \ [`; `*` is a pattern where the vendor allows one. */
export const refName = (what: string, pattern: boolean) =>
  z
    .string({ error: fix(`expected a ${what} name`, `write the ${what} name, e.g. main`) })
    .regex(
      pattern ? /^[^\s~^:\\[?]+$/ : /^[^\s~^:\\[?*]+$/,
      pattern
        ? fix(`not a ${what} name or pattern`, `write a ${what} name such as main, or a pattern such as release/*`)
        : fix(`a ${what} name here has no wildcard or ":"`, `name each ${what} exactly: the ref is not the last part of this vendor's subject`),
    );

/** At least one branch or tag: GitLab CI and Buildkite pin a ref. */
export const needsRef = (t: { branches: readonly string[]; tags: readonly string[] }) => t.branches.length + t.tags.length > 0;
export const NEEDS_REF = fix('the trust names no branch or tag', 'add branches: [main] or tags: ["v*"]');
