/**
 * The engine-neutral half of `AccountStack`: one account's description
 * (src/description/account.ts, the one source of every renderer) added to a
 * stack as the AWS provider bindings' own constructs (`IamRole`,
 * `DataAwsIamPolicyDocument`, `IamOpenidConnectProvider`, ...), so an app can
 * reference a role's `arn` like any other resource. Each engine's entry point
 * (cdktf.ts, cdktn.ts) is a thin class over it that says which engine package
 * and which bindings to load. What it synthesizes is byte-identical to the
 * direct renderer's `cdk.tf.json` (tests hold them equal, per engine).
 *
 * Only types are imported from cdktf here: cdktn is its fork, with the same
 * classes and the same shapes, and the entry point passes the real ones.
 */
import type { LocalBackend, S3Backend, TerraformOutput, TerraformResource, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { bodyJson, importJson, outputsJson, variablesJson, type AccountDescription, type Body } from '../description/account';
import { BACKEND_KINDS, kindOf, PROVIDER_KINDS, type Binding } from '../description/kinds';
import type { AccountModel } from '../model/types';
import type { LoadedSpec } from '../input/load';
import type { SpecInput } from '../input/schema';
import { checkedSpec, describe } from '../pipeline';
import { cliProblems, UserError } from '../errors';

/** What an entry point hands over: its engine's classes, and a loader for its bindings' modules. */
export interface Engine {
  /** The engine's package name, for messages (`cdktf`, `cdktn`). */
  readonly name: string;
  /** The bindings' package name, for messages (`@cdktf/provider-aws`, `@cdktn/provider-aws`). */
  readonly bindings: string;
  /** The engine package's classes (cdktf's and cdktn's have the same shapes). */
  readonly core: {
    readonly TerraformVariable: typeof TerraformVariable;
    readonly TerraformOutput: typeof TerraformOutput;
    readonly LocalBackend: typeof LocalBackend;
    readonly S3Backend: typeof S3Backend;
  };
  /** `constructs`' Construct, as the engine sees it. */
  readonly Construct: typeof Construct;
  /** `require('<bindings>/' + module)`, written in the entry point so that bundlers leave it to the user's install. */
  readonly load: (module: string) => Record<string, unknown>;
}

/** A stack of either engine, as far as materializing needs it. */
type Stack = Construct & { addOverride(path: string, value: unknown): void };

/** A construct class of the bindings: `new Class(scope, id, config)`. */
type ProviderClass = new (scope: Construct, id: string, config: never) => Construct;

/** What an `AccountStack` keeps: its account, and its elements by Terraform address. */
export interface Materialized {
  readonly account: AccountModel;
  readonly elements: ReadonlyMap<string, Construct>;
}

/** Fills a new stack with its account; `account` comes from {@link accountOf}, called before the stack joins its app. */
export function materialize(stack: Stack, account: AccountModel, offline: boolean | undefined, engine: Engine): Materialized {
  return { account, elements: addDescription(stack, describe(account, { offline }), engine) };
}

/** The `aws_iam_role` of a role of the account, by its name in the spec. */
export function roleOf(m: Materialized, name: string): Construct {
  const role = m.account.roles.find((r) => r.name === name);
  if (!role) throw new Error(`account ${m.account.name} has no role ${name}; its roles: ${m.account.roles.map((r) => r.name).join(', ')}`);
  return m.elements.get(`aws_iam_role.${role.tfId}`)!;
}

/** A resource, data source or variable of the stack by its Terraform address. */
export function elementOf(m: Materialized, stack: string, address: string): Construct {
  const found = m.elements.get(address);
  if (!found) throw new Error(`stack ${stack} has no ${address}`);
  return found;
}

function classOf(engine: Engine, binding: Binding): ProviderClass {
  const Class = engine.load(binding.module)[binding.className];
  if (typeof Class !== 'function')
    throw new Error(
      `${engine.bindings}/${binding.module} has no ${binding.className}: install a version of ${engine.bindings} that cross-account-iam supports (its peerDependencies)`,
    );
  return Class as ProviderClass;
}

/**
 * Adds a description to a stack: backend, provider, variables, each element
 * as its binding's class (from kinds.ts), outputs. Returns the elements and
 * variables by Terraform address.
 */
export function addDescription(stack: Stack, d: AccountDescription, engine: Engine): Map<string, Construct> {
  const backend = BACKEND_KINDS[d.backend.type];
  if (!backend) throw new Error(`backend ${d.backend.type} is not in src/description/kinds.ts`);
  const Backend = engine.core[backend.className as 'LocalBackend'] as unknown as new (scope: Construct, config: never) => Construct;
  // Every body as Terraform JSON (literals escaped), as the direct renderer writes it.
  new Backend(stack, toConfig(bodyJson(d.backend.config)) as never);
  const Provider = classOf(engine, PROVIDER_KINDS.aws.binding);
  new Provider(stack, 'aws', toConfig(bodyJson(d.provider)) as never);
  // The bindings pin the version they were generated from; the stack requires the description's range instead.
  stack.addOverride('terraform.required_providers.aws.version', d.awsProviderVersion);
  // cdktn's bindings name the source `hashicorp/aws`, cdktf's `aws` (the same provider to Terraform): both write the direct renderer's.
  stack.addOverride('terraform.required_providers.aws.source', 'aws');

  const byAddress = new Map<string, Construct>();
  for (const [name, v] of Object.entries(variablesJson(d))) byAddress.set(`var.${name}`, new engine.core.TerraformVariable(stack, name, v as never));

  const scopes = new Map<string, Construct>([['', stack]]);
  const scopeOf = (path: string): Construct => {
    let found = scopes.get(path);
    if (!found) {
      const cut = path.lastIndexOf('/');
      found = new engine.Construct(scopeOf(cut < 0 ? '' : path.slice(0, cut)), path.slice(cut + 1));
      scopes.set(path, found);
    }
    return found;
  };
  const dependsOn: [TerraformResource, readonly string[]][] = [];
  for (const e of d.elements) {
    const { depends_on: deps, ...body } = bodyJson(e.body) as Record<string, unknown> & { depends_on?: readonly string[] };
    const cut = e.path.lastIndexOf('/');
    const Class = classOf(engine, kindOf(e.mode, e.type).binding);
    const element = new Class(scopeOf(cut < 0 ? '' : e.path.slice(0, cut)), e.path.slice(cut + 1), toConfig(body) as never) as unknown as TerraformResource;
    element.overrideLogicalId(e.id);
    if (e.importId !== undefined) element.importFrom(importJson(e).id as string);
    if (deps) dependsOn.push([element, deps]);
    byAddress.set(`${e.mode === 'data' ? 'data.' : ''}${e.type}.${e.id}`, element);
  }
  // Once every element exists: a role may depend on one described after it.
  for (const [element, deps] of dependsOn) {
    for (const address of deps) if (!byAddress.has(address)) throw new Error(`${element.node.path} depends on ${address}, which the stack does not hold`);
    element.dependsOn = [...deps];
  }

  for (const [name, o] of Object.entries(outputsJson(d))) new engine.core.TerraformOutput(stack, name, o as never);
  return byAddress;
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * A Terraform JSON body as a binding's config: attribute names in camelCase,
 * in nested blocks too. Maps (plain objects, such as literal tags) keep their
 * keys; strings (references and expressions included) pass as they are. A
 * binding that lacks an attribute drops it, which the parity tests would see.
 */
function toConfig(body: Body): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    out[camel(key)] = Array.isArray(value) ? value.map((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? toConfig(v as Body) : v)) : value;
  }
  return out;
}

/** The spec's account `name`, loaded, resolved and checked once per spec object (src/pipeline.ts); throws before any stack is made. */
export function accountOf(spec: SpecInput | LoadedSpec, name: string): AccountModel {
  const { model } = checkedSpec(spec);
  const account = model.accounts.find((a) => a.name === name);
  if (!account)
    throw new UserError(
      cliProblems.stackAccountUnknown(
        name,
        model.accounts.map((a) => a.name),
      ),
    );
  return account;
}
