/**
 * cdktf as `AccountStack` sees it (materialize.ts's Engine): the engine package's classes, and
 * @cdktf/provider-aws loaded one module at a time. Its own file so that tests can materialize with it
 * without it being part of `cross-account-iam/cdktf`'s public API.
 */
import * as cdktf from 'cdktf';
import { Construct } from 'constructs';
import type { Engine } from './materialize';

const BINDINGS = '@cdktf/provider-aws';
/** cdktf, and the bindings loaded one module at a time (`@cdktf/provider-aws/lib/iam-role`), never from the package root. */
export const CDKTF: Engine = {
  name: 'cdktf',
  bindings: BINDINGS,
  core: cdktf,
  Construct,
  load: (module) => require(`${BINDINGS}/${module}`),
};
