/**
 * cdktn as `AccountStack` sees it (materialize.ts's Engine): the engine package's classes, and
 * @cdktn/provider-aws loaded one module at a time. Its own file so that tests can materialize with it
 * without it being part of `cross-account-iam/cdktn`'s public API.
 */
import * as cdktn from 'cdktn';
import { Construct } from 'constructs';
import type { Engine } from './materialize';

const BINDINGS = '@cdktn/provider-aws';
/** cdktn, and the bindings loaded one module at a time (`@cdktn/provider-aws/lib/iam-role`), never from the package root. */
export const CDKTN: Engine = {
  name: 'cdktn',
  bindings: BINDINGS,
  // The same classes as cdktf's, from the fork.
  core: cdktn as unknown as Engine['core'],
  Construct,
  load: (module) => require(`${BINDINGS}/${module}`),
};
