/**
 * `AccountStack`: one AWS account of a spec as a cdktf stack, for users who
 * compose it into their own cdktf app (and for `cdktf synth --hcl`). It adds
 * the account's description (src/description/account.ts) to the stack as the
 * AWS provider's own constructs (`IamRole`, `DataAwsIamPolicyDocument`,
 * `IamOpenidConnectProvider`, ...), so an app can reference a role's `arn`
 * like any other resource. What it synthesizes is byte-identical to the
 * direct renderer's `cdk.tf.json` (a test holds them equal).
 */
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { TerraformOutput, TerraformStack, TerraformVariable, type TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { bodyJson, describeAccount, importJson, outputsJson, variablesJson, type AccountDescription, type Body } from '../description/account';
import { BACKEND_KINDS, kindOf, PROVIDER_KINDS, type ProviderClass } from '../description/kinds';
import type { AccountModel, Model } from '../model/types';
import { validateSpec, type LoadedSpec } from '../spec/load';
import type { SpecInput } from '../spec/schema';
import { lintSpec } from '../synth';

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

/**
 * One AWS account: its provider (pinned to the account id), the OIDC
 * providers created there, the roles, their policies and the grants. Deploy
 * it with `cdktf deploy <id>`.
 */
export class AccountStack extends TerraformStack {
  /** The account's name in the spec. */
  readonly accountName: string;
  /** Names of the spec accounts whose roles this account's roles trust; their stacks deploy first. */
  readonly dependsOnAccounts: readonly string[];
  private readonly elements: ReadonlyMap<string, Construct>;
  private readonly roleIds: ReadonlyMap<string, string>;

  constructor(scope: Construct, id: string, props: AccountStackProps) {
    // Refused before the stack joins the app: a bad spec leaves nothing behind.
    const account = accountOf(props.spec, props.account ?? id);
    super(scope, id);
    this.accountName = account.name;
    this.dependsOnAccounts = account.dependsOn;
    this.roleIds = new Map(account.roles.map((r) => [r.name, r.tfId]));
    this.elements = addDescription(this, describeAccount(account, { offline: props.offline }));
  }

  /** The `aws_iam_role` of a role of this account, by its name in the spec: reference its `arn` or `name`. */
  role(name: string): IamRole {
    const id = this.roleIds.get(name);
    if (id === undefined) throw new Error(`account ${this.accountName} has no role ${name}; its roles: ${[...this.roleIds.keys()].join(', ')}`);
    return this.elements.get(`aws_iam_role.${id}`) as IamRole;
  }

  /** A resource or data source of this stack by its Terraform address (`aws_iam_openid_connect_provider.github`, `data.aws_iam_policy_document.x`). */
  element(address: string): Construct {
    const found = this.elements.get(address);
    if (!found) throw new Error(`stack ${this.node.id} has no ${address}`);
    return found;
  }
}

/**
 * Adds a description to a stack: backend, provider, variables, each element
 * as its provider class (from kinds.ts), outputs. Returns the elements and
 * variables by Terraform address.
 */
export function addDescription(stack: TerraformStack, d: AccountDescription): Map<string, Construct> {
  const Backend = BACKEND_KINDS[d.backend.type]?.construct();
  if (!Backend) throw new Error(`backend ${d.backend.type} is not in src/description/kinds.ts`);
  // Every body as Terraform JSON (literals escaped), as the direct renderer writes it.
  new Backend(stack, toConfig(bodyJson(d.backend.config)) as never);
  const Provider = PROVIDER_KINDS.aws.construct();
  new Provider(stack, 'aws', toConfig(bodyJson(d.provider)) as never);
  // The bindings pin the version they were generated from; the stack requires the description's range instead.
  stack.addOverride('terraform.required_providers.aws.version', d.awsProviderVersion);

  const byAddress = new Map<string, Construct>();
  for (const [name, v] of Object.entries(variablesJson(d))) byAddress.set(`var.${name}`, new TerraformVariable(stack, name, v as never));

  const scopes = new Map<string, Construct>([['', stack]]);
  const scopeOf = (path: string): Construct => {
    let found = scopes.get(path);
    if (!found) {
      const cut = path.lastIndexOf('/');
      found = new Construct(scopeOf(cut < 0 ? '' : path.slice(0, cut)), path.slice(cut + 1));
      scopes.set(path, found);
    }
    return found;
  };
  const dependsOn: [TerraformResource, readonly string[]][] = [];
  for (const e of d.elements) {
    const { depends_on: deps, ...body } = bodyJson(e.body) as Record<string, unknown> & { depends_on?: readonly string[] };
    const cut = e.path.lastIndexOf('/');
    const kind = kindOf(e.mode, e.type);
    const unbound = Object.fromEntries((kind.unbound ?? []).flatMap((name) => (body[name] === undefined ? [] : [[name, body[name]]])));
    for (const name of kind.unbound ?? []) delete body[name];
    const Class = Object.keys(unbound).length > 0 ? withAttributes(kind.construct(), unbound) : kind.construct();
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

  for (const [name, o] of Object.entries(outputsJson(d))) new TerraformOutput(stack, name, o as never);
  return byAddress;
}

/**
 * The class with `extra` attributes after its own: for attributes of a newer
 * provider than the bindings were generated from (a kind's `unbound`), written
 * as plain values without cdktf's overrides.
 */
function withAttributes(Class: ProviderClass, extra: Body): ProviderClass {
  const Base = Class as unknown as new (...args: unknown[]) => { synthesizeAttributes(): Body; synthesizeHclAttributes(): Body };
  return class extends Base {
    synthesizeAttributes(): Body {
      return { ...super.synthesizeAttributes(), ...extra };
    }
    synthesizeHclAttributes(): Body {
      const hcl = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, { value: v, isBlock: false, type: 'simple', storageClassType: typeof v === 'boolean' ? 'boolean' : 'string' }]));
      return { ...super.synthesizeHclAttributes(), ...hcl };
    }
  } as unknown as ProviderClass;
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * A Terraform JSON body as a provider class's config: attribute names in
 * camelCase, in nested blocks too. Maps (plain objects, such as literal tags)
 * keep their keys; strings (references and expressions included) pass as they are.
 */
function toConfig(body: Body): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    out[camel(key)] = Array.isArray(value) ? value.map((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? toConfig(v as Body) : v)) : value;
  }
  return out;
}

/** Resolved models by spec object: every stack of one spec shares one validation, resolution and lint. */
const models = new WeakMap<object, Model>();

/** Lets `synthesize` hand over the model it has already resolved and linted. */
export function rememberModel(spec: LoadedSpec, model: Model): void {
  models.set(spec, model);
}

function accountOf(spec: SpecInput | LoadedSpec, name: string): AccountModel {
  let model = models.get(spec);
  if (!model) {
    const loaded = 'spec' in spec && 'file' in spec ? (spec as LoadedSpec) : validateSpec(spec, '<AccountStack>');
    model = lintSpec(loaded, () => undefined).model;
    models.set(spec, model);
  }
  const account = model.accounts.find((a) => a.name === name);
  if (!account) throw new Error(`the spec has no account named ${JSON.stringify(name)}: give AccountStack one of ${model.accounts.map((a) => a.name).join(', ')}`);
  return account;
}
