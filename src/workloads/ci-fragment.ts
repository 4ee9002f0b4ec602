/**
 * What the CI fragments share: finding a role's trust entry of one CI preset,
 * and writing a YAML fragment with the generated header and a note on how to
 * use it. One file per vendor builds the fragment itself (gitlab-ci.ts,
 * hcp-terraform.ts, circleci.ts, buildkite.ts, bitbucket.ts; GitHub is github.ts).
 */
import { yamlLib } from '../input/yaml-lib';
import type { CiResolvedTrust, CiTrustType, RoleModel } from '../model/types';
import { generatedHeader } from './artifact';

/** The role's first trust entry of a CI preset, resolved (with the `aud` it pins). */
export function ciTrustOf<T extends CiTrustType>(
  role: RoleModel,
  type: T,
): (CiResolvedTrust & { readonly spec: Extract<CiResolvedTrust['spec'], { type: T }> }) | undefined {
  const t = role.trust.find((x) => x.spec.type === type);
  return t && 'audience' in t && 'subjects' in t ? (t as CiResolvedTrust & { readonly spec: Extract<CiResolvedTrust['spec'], { type: T }> }) : undefined;
}

/**
 * A YAML document: the header and `notes` as comments before it, and a
 * `# <comment>` after each scalar whose path is in `pins` (the version beside
 * a pinned ref).
 */
export function yamlFragment(
  value: unknown,
  spec: string,
  notes: readonly string[],
  pins: readonly (readonly [readonly (string | number)[], string])[] = [],
): string {
  const doc = new (yamlLib().Document)(value);
  doc.commentBefore = [generatedHeader(spec), ...notes].map((l) => ` ${l}`).join('\n');
  for (const [path, comment] of pins) {
    const node = doc.getIn(path, true) as { comment?: string } | undefined;
    if (node) node.comment = ` ${comment}`;
  }
  return doc.toString({ lineWidth: 0 });
}
