/**
 * Reads the policies out of `terraform show -json <planfile>`: the planned
 * `assume_role_policy` of each `aws_iam_role` in `resource_changes`, and the
 * planned `aws_iam_role_policy` documents and attachments. A plan does not say
 * which account a module deploys to, so a module is matched to a spec account
 * by the folder its `source` names (`./modules/data-lake` -> account
 * `data-lake`, as the plain root calls the generated modules), else by its name
 * (`module.data_lake`), else to the provider of the same alias with
 * `allowed_account_ids`.
 */
import { accountIdent } from '../../names';
import type { Model } from '../../model/types';
import { unreadable } from '../../policy/iam-json';
import { CallerIndex, partitionOfRegion, type PolicySet, type RolePolicies } from '../evaluate/policy-set';

type Json = Record<string, unknown>;

interface ResourceChange {
  readonly address: string;
  readonly module_address?: string;
  readonly mode?: string;
  readonly type: string;
  readonly change: { readonly actions: readonly string[]; readonly after?: Json | null; readonly after_unknown?: Json };
}

export interface PlanJson {
  readonly format_version?: string;
  readonly resource_changes?: readonly ResourceChange[];
  readonly configuration?: {
    readonly provider_config?: Record<string, { readonly expressions?: Record<string, { readonly constant_value?: unknown }> }>;
    readonly root_module?: { readonly module_calls?: Record<string, { readonly source?: string }> };
  };
}

interface AccountRef {
  readonly name: string;
  readonly id: string;
  readonly partition: string;
}

export function isPlanJson(json: unknown): json is PlanJson {
  return typeof json === 'object' && json !== null && Array.isArray((json as PlanJson).resource_changes);
}

const moduleName = (address: string | undefined) => (address ? address.split('.').pop()! : '');
const ident = accountIdent;

/** The last folder of a root module call's local `source` (`./modules/data-lake/` -> `data-lake`); undefined for a registry or remote source. */
function sourceFolder(plan: PlanJson, moduleAddress: string | undefined): string | undefined {
  const top = moduleAddress?.match(/^module\.([^.[]+)(?:\[[^\]]*\])?$/)?.[1];
  const source = top ? plan.configuration?.root_module?.module_calls?.[top]?.source : undefined;
  if (!source || !/^\.{1,2}\//.test(source)) return undefined;
  return source.replace(/\/+$/, '').split('/').pop();
}

function accountResolver(plan: PlanJson, model?: Model): (moduleAddress: string | undefined) => AccountRef {
  return (moduleAddress) => {
    const mod = moduleName(moduleAddress);
    const folder = sourceFolder(plan, moduleAddress);
    const fromSpec =
      (folder !== undefined ? model?.accounts.find((a) => a.name === folder) : undefined) ??
      model?.accounts.find((a) => a.name === mod || ident(a.name) === mod) ??
      (model?.accounts.length === 1 && !mod ? model.accounts[0] : undefined);
    if (fromSpec) return { name: fromSpec.name, id: fromSpec.id, partition: fromSpec.partition };
    const cfg = plan.configuration?.provider_config?.[mod ? `aws.${mod}` : 'aws']?.expressions;
    const ids = cfg?.allowed_account_ids?.constant_value;
    if (Array.isArray(ids) && typeof ids[0] === 'string') {
      return { name: mod || 'root', id: ids[0], partition: partitionOfRegion(String(cfg?.region?.constant_value ?? '')) };
    }
    throw new Error(
      `${moduleAddress ?? 'the root module'}: its source is ${folder !== undefined ? `the folder "${folder}", which is no spec account` : 'no local modules/<account> folder'}, no spec account is named like it, and no aws provider alias "${mod}" pins allowed_account_ids`,
    );
  };
}

/** A planned attribute: its value, or why it cannot be read (unknown until apply). */
function planned(rc: ResourceChange, attr: string): { value?: unknown; problem?: string } {
  if (rc.change.after_unknown?.[attr] === true) return { problem: `${rc.address}.${attr} is known only after apply` };
  return { value: rc.change.after?.[attr] };
}

export function readPlan(plan: PlanJson, model?: Model, source = 'terraform plan'): PolicySet {
  const accountOf = accountResolver(plan, model);
  const live = (plan.resource_changes ?? []).filter(
    (rc) => rc.mode !== 'data' && rc.change.after && !(rc.change.actions.length === 1 && rc.change.actions[0] === 'delete'),
  );
  const roles: RolePolicies[] = [];
  const callers = new CallerIndex();
  const text = (rc: ResourceChange, attr: string) => {
    const v = planned(rc, attr);
    if (v.problem) return unreadable(v.problem);
    return typeof v.value === 'string' ? v.value : unreadable(`${rc.address}.${attr} is not a JSON string`);
  };
  const nameOf = (rc: ResourceChange) => {
    const v = planned(rc, 'role');
    if (typeof v.value !== 'string') throw new Error(`${rc.address}: its role is ${v.problem ?? 'not a name'}`);
    return v.value;
  };

  for (const rc of live) {
    if (rc.type !== 'aws_iam_role') continue;
    const account = accountOf(rc.module_address);
    const name = planned(rc, 'name').value;
    if (typeof name !== 'string') throw new Error(`${rc.address}: the role name is not known at plan time`);
    const pathValue = planned(rc, 'path').value;
    const path = typeof pathValue === 'string' ? pathValue : '/';
    roles.push({
      account: account.name,
      accountId: account.id,
      partition: account.partition,
      name,
      arn: `arn:${account.partition}:iam::${account.id}:role${path}${name}`,
      trust: text(rc, 'assume_role_policy'),
      maxSessionDuration: typeof rc.change.after?.max_session_duration === 'number' ? rc.change.after.max_session_duration : undefined,
    });
    callers.known(account.id, name);
  }
  for (const rc of live) {
    if (rc.type === 'aws_iam_role_policy') {
      callers.inline(accountOf(rc.module_address).id, nameOf(rc), { name: String(rc.change.after?.name ?? rc.address), document: text(rc, 'policy') });
    } else if (rc.type === 'aws_iam_role_policy_attachment') {
      callers.unread(accountOf(rc.module_address).id, nameOf(rc), String(rc.change.after?.policy_arn ?? rc.address));
    }
  }
  // The organization's guardrails, as planned: every RCP's content (placed over the accounts by `withInputGuardrails`).
  const rcps = live
    .filter((rc) => rc.type === 'aws_organizations_policy' && rc.change.after?.type === 'RESOURCE_CONTROL_POLICY')
    .map((rc) => ({ name: String(rc.change.after?.name ?? rc.address), document: text(rc, 'content') }));
  return { source, roles, callers: callers.build(), ...(rcps.length > 0 ? { rcps } : {}) };
}
