/**
 * What `AccountStack` takes, in either engine (`cross-account-iam/cdktf`,
 * `cross-account-iam/cdktn`). Its own file, importing no engine, so that the
 * declarations of one entry point never name the other engine's packages.
 */
import type { LoadedSpec } from '../input/load';
import type { SpecInput } from '../input/schema';

export interface AccountStackProps {
  /**
   * The spec the account comes from: what `defineSpec` returns, a parsed YAML
   * spec, or what `loadSpecFile` returns. It is validated, resolved and
   * linted once per spec object, however many stacks share it; a spec with
   * lint errors throws a `SpecError`, as `synthesize` does.
   */
  readonly spec: SpecInput | LoadedSpec;
  /**
   * The name of the spec account this stack holds.
   * @default the stack's id
   */
  readonly account?: string;
  /**
   * A stack for a local offline dry run (`cdktf diff` with no AWS): dummy
   * credentials and the provider's skip flags, no `allowed_account_ids`, no
   * deploy role, and a state file of its own. Never deploy it.
   * @default false
   */
  readonly offline?: boolean;
}
