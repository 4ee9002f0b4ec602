/**
 * The versions stamped into synthesized stacks (`"//".metadata.version`):
 * the direct renderer writes what cdktf's App writes. cdktf 0.21.0 is cdktf's
 * last release (deprecated in December 2025), so it is a constant: the
 * renderer reads no installed package, and needs neither cdktf nor the
 * bindings (they are optional peers). The cdktf parity tests synthesize with
 * the installed cdktf and so hold this equal to it.
 */
import type { RenderVersions } from './stack-json';

/** cdktf's version in the stacks' metadata. */
export const CDKTF_VERSION = '0.21.0';

export function stampedVersions(): RenderVersions {
  return { cdktf: CDKTF_VERSION };
}
