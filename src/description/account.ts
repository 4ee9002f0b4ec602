/**
 * One account's Terraform, described once: the resources, data sources,
 * variables and outputs of the account, its AWS provider and its backend,
 * built from the resolved model. Three renderers read it and nothing else:
 *
 *  - `render/stack-json.ts`: the stack (`cdktf.out/stacks/<account>/cdk.tf.json`),
 *    with cdktf's metadata, the provider and the backend;
 *  - `modules/module-files.ts`: the plain module (`modules/<account>/`), JSON
 *    or HCL (`modules/hcl.ts`), without provider or backend;
 *  - `constructs/materialize.ts`: the same elements as the AWS provider
 *    bindings' constructs in a cdktf or cdktn stack (`AccountStack`), for
 *    `cdktf synth --hcl` and for users' apps.
 *
 * Bodies are shaped as the stack file holds them: snake_case attribute names,
 * nested blocks as arrays of objects, `depends_on` as addresses, absent
 * attributes `undefined`. Every string is a literal, as the spec gave it; the
 * tool's own expressions (references, `merge`) are {@link Expression}s. A
 * renderer writes a body through `terraformJson` (expressions.ts), which
 * escapes the literals, so Terraform never evaluates a value of the spec.
 *
 * ## The emitters
 *
 * `describeAccount` composes one emitter per concern, each in its own file
 * here, and calls them in a fixed order (the order of the elements):
 *
 *  - `variables.ts`: the input variables (tags, cross-account dependencies);
 *  - `oidc-providers.ts`: the OIDC providers the account creates or adopts;
 *  - `iam-users.ts`: the IAM users of the access-key fallback, with their keys;
 *  - `customer-policies.ts`: the customer-managed policies the spec defines;
 *  - `roles.ts`: each role, its trust document, attachments and inline policies;
 *  - `pod-identity-associations.ts`: the EKS Pod Identity associations;
 *  - `caller-grants.ts`: the inline policies that let callers assume roles of other accounts;
 *  - `guardrails.ts`: the organization's resource control policies, in its management account;
 *  - `outputs.ts`: the outputs; `provider.ts` and `backend.ts`: the stack's provider and backend.
 *
 * They append to one `Elements` list (element.ts); `imports.ts` gives the
 * Terraform `import` ids of what an account adopts, and `policy-document.ts`
 * the body of every policy document.
 *
 * ## How to add a kind
 *
 * A resource or data source of a type not yet emitted (say `aws_iam_policy`):
 *  1. add the type to `kinds.ts` (its provider class, and its nested blocks if
 *     it has any);
 *  2. emit it in the emitter of its concern (`customer-policies.ts` for
 *     `aws_iam_policy`), or in a new `<concern>.ts` here called from
 *     `describeAccount` at its place in the order, with
 *     `out.add('resource', 'aws_iam_policy', id, path, body)`, where `path` is
 *     the construct path under the stack (`policy-<id>`) and `body` its
 *     Terraform JSON; reference it from others with
 *     {@link ref}`('aws_iam_policy.<id>', 'arn')`. Elements come out in the
 *     order they are added, so a new emitter goes after what it references.
 * An attribute on an existing kind (tags on the OIDC provider) is a key in
 * its body. Adopting an existing object (a Terraform `import` block) is an
 * `importId` from `imports.ts` on its element. Another backend is `backend.ts`
 * plus its class in `kinds.ts`. The renderers need no change for any of these.
 */
import type { AccountModel } from '../model/types';
import { stackBackend } from './backend';
import { emitGuardrails } from './guardrails';
import { emitCallerGrants } from './caller-grants';
import { emitCustomerPolicies } from './customer-policies';
import { Elements, type Body, type Element } from './element';
import { Expression, ref, templateLiteral, terraformJson } from './expressions';
import { emitIamUsers } from './iam-users';
import { emitOidcProviders } from './oidc-providers';
import { accountOutputs, type Output } from './outputs';
import { emitPodIdentityAssociations } from './pod-identity-associations';
import { providerBody } from './provider';
import { emitRoles } from './roles';
import { accountVariables, type Variable } from './variables';

export type { Body, Element } from './element';
export type { Output } from './outputs';
export type { Variable } from './variables';

export interface AccountDescription {
  /** The account's name: the stack name and the module folder. */
  readonly name: string;
  /** The `provider "aws"` block (stacks only). */
  readonly provider: Body;
  /** The backend (stacks only): its type and its Terraform JSON body. */
  readonly backend: { readonly type: string; readonly config: Body };
  /** The hashicorp/aws version constraint the stack and the module require (the stack's lock file picks the version). */
  readonly awsProviderVersion: string;
  readonly variables: Readonly<Record<string, Variable>>;
  /** Resources and data sources, in the order they are described. */
  readonly elements: readonly Element[];
  readonly outputs: Readonly<Record<string, Output>>;
}

export interface DescribeOptions {
  /**
   * Local dry runs (`OFFLINE_DRY_RUN=1`): dummy credentials and the provider's
   * skip flags, no `allowed_account_ids` (the provider cannot learn the account
   * offline), no deploy role, and a state file of its own. Never for deploys.
   * @default false
   */
  readonly offline?: boolean;
}

/**
 * The account's description: everything any renderer writes for it. The
 * emitters run in a fixed order, which is the order of the elements (and so
 * of the stack file and the module): OIDC providers, IAM users, customer-managed
 * policies, roles with their policies, Pod Identity associations, caller grants,
 * the organization's guardrails.
 */
export function describeAccount(account: AccountModel, options: DescribeOptions = {}): AccountDescription {
  const { variables, crossAccount } = accountVariables(account);
  const elements = new Elements();
  emitOidcProviders(account, elements);
  const users = emitIamUsers(account, elements);
  emitCustomerPolicies(account, elements);
  emitRoles(account, elements, { crossAccount, usersOf: users.usersOf });
  emitPodIdentityAssociations(account, elements);
  emitCallerGrants(account, elements);
  // The organization's guardrails, in its management account only.
  const guardrailOutputs = account.guardrails ? emitGuardrails(account.guardrails, elements) : {};
  const outputs = { ...accountOutputs(account, users.keys), ...guardrailOutputs };
  return {
    name: account.name,
    provider: providerBody(account, options.offline),
    backend: stackBackend(account, options.offline),
    awsProviderVersion: account.awsProviderVersion,
    variables,
    elements: elements.all,
    outputs,
  };
}

/** The variables as Terraform JSON: `type` raw, `description` and `default` as literals. */
export function variablesJson(d: AccountDescription): Record<string, Body> {
  return Object.fromEntries(Object.entries(d.variables).map(([name, v]) => [name, terraformJson({ ...v, type: new Expression(v.type) }) as Body]));
}

/** The outputs as Terraform JSON: references raw, every literal (object keys included) escaped. */
export function outputsJson(d: AccountDescription): Record<string, Body> {
  return Object.fromEntries(Object.entries(d.outputs).map(([name, o]) => [name, terraformJson(o) as Body]));
}

/** Bodies already written: the stack and the module of an account both write each body (a body is read-only once described). */
const bodyTexts = new WeakMap<Body, Body>();

/** An element's body as Terraform JSON; the same object for the same body, which neither renderer changes. */
export function bodyJson(body: Body): Body {
  let json = bodyTexts.get(body);
  if (json === undefined) bodyTexts.set(body, (json = terraformJson(body) as Body));
  return json;
}

/** The `import` block of an adopted element: its id a literal, its target an address. */
export const importJson = (e: Element): Body => ({ id: templateLiteral(e.importId ?? ''), to: `${e.type}.${e.id}` });

export { ref };
