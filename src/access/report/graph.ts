/**
 * The trust graph as a Mermaid flowchart: identity issuers, Google and AWS
 * services on the left, one subgraph per account with its roles (and IAM
 * users), and an edge for every trust entry (issuer -> role, google -> role,
 * service -> role, role -> role, user -> role; one per issuer of a
 * web-identity entry). Roles trusted but not declared in the spec are drawn
 * dashed.
 */
import { byCodePoint, byKey } from '../../order';
import { GOOGLE_ISSUER, type Model, type ResolvedTrust } from '../../model/types';
import { POD_IDENTITY_SERVICE } from '../../trust/eks-pod-identity';
import { describeCiTrust } from '../identities/ci-identities';
import { awsPrincipalParts } from '../evaluate/request';

const id = (prefix: string, ...parts: string[]) => `${prefix}_${parts.join('__').replace(/[^A-Za-z0-9_]/g, '_')}`;
const GOOGLE_NODE = id('issuer', GOOGLE_ISSUER);
/** Mermaid labels are quoted; a quote inside is written as an entity. */
const label = (s: string) => `"${s.replace(/"/g, '#quot;')}"`;

function edgeLabel(t: ResolvedTrust): string {
  const s = t.spec;
  switch (s.type) {
    case 'data-platform-project':
      return `${s.project} · ${s.allEnvironments ? 'any environment' : s.environment}`;
    case 'kubernetes-service-account':
      return `${s.namespace}/${s.serviceAccount}`;
    case 'google-service-account':
      return `aud ${s.uniqueId}${s.requireSubject ? ' + sub' : ''}`;
    case 'aws-role':
      return s.externalId ? 'sts:AssumeRole + external id' : 'sts:AssumeRole';
    case 'aws-service':
      return 'sts:AssumeRole';
    case 'aws-account':
      return s.externalId ? 'whole account + external id' : 'whole account';
    case 'github-actions': {
      const which = s.allRefs ? ['every ref'] : [...s.branches, ...s.environments.map((e) => `env ${e}`), ...(s.pullRequests ? ['pull requests'] : [])];
      return `${s.repository} · ${which.join(', ')}`;
    }
    case 'eks-pod-identity': {
      const chained = 'sourceRoleArn' in t && t.sourceRoleArn ? ' · chained by EKS' : '';
      return `${s.cluster} · ${s.namespace}/${s.serviceAccount}${chained}${s.disableSessionTags ? ' · session tags off' : ''}`;
    }
    case 'iam-user':
      return 'access key';
    case 'web-identity':
      return 'subjects';
    case 'aws-organization':
      return 'sts:AssumeRole · aws:PrincipalOrgID';
    default:
      return describeCiTrust(s);
  }
}

/** The AWS service a trust entry admits, drawn as a service node; a Pod Identity target role is reached from a role instead. */
function servicePrincipal(t: ResolvedTrust): string | undefined {
  if (t.spec.type === 'aws-service') return t.spec.service;
  return t.spec.type === 'eks-pod-identity' && t.spec.clusterAccount === undefined ? POD_IDENTITY_SERVICE : undefined;
}

/** One edge per source of a trust entry: (from node, label, dashed). */
function edgesOf(t: ResolvedTrust, account: string, roleNode: ReadonlyMap<string, string>): [string, string, boolean][] {
  const s = t.spec;
  switch (s.type) {
    case 'data-platform-project':
    case 'kubernetes-service-account':
    case 'github-actions':
      return [[id('issuer', s.issuer), edgeLabel(t), false]];
    case 'web-identity':
      return s.issuers.map((e) => [id('issuer', e.issuer), e.subjects?.join(', ') ?? 'any subject (every workload of the issuer)', false]);
    case 'google-service-account':
      return [[id('issuer', GOOGLE_ISSUER), edgeLabel(t), false]];
    case 'aws-service':
      return [[id('service', s.service), edgeLabel(t), false]];
    case 'eks-pod-identity': {
      // A target role is reached from the association's role in the cluster's account.
      const source = 'sourceRoleArn' in t ? t.sourceRoleArn : undefined;
      return [[source ? roleNode.get(source)! : id('service', POD_IDENTITY_SERVICE), edgeLabel(t), false]];
    }
    case 'iam-user':
      return [[id('user', account, s.user), edgeLabel(t), false]];
    case 'aws-role': {
      const from = roleNode.get((t as Extract<ResolvedTrust, { roleArn: string }>).roleArn)!;
      return [[from, edgeLabel(t), from.startsWith('external_')]];
    }
    case 'aws-organization':
      return [[id('organization', s.organizationId), edgeLabel(t), false]];
    case 'aws-account':
      return [[roleNode.get((t as Extract<ResolvedTrust, { rootArn: string }>).rootArn)!, edgeLabel(t), true]];
    default:
      return [[id('issuer', s.issuer), edgeLabel(t), false]];
  }
}

export function trustGraph(model: Model): string {
  const out: string[] = ['flowchart LR'];
  const roleNode = new Map<string, string>();
  for (const a of model.accounts) for (const r of a.roles) roleNode.set(r.arn, id('role', a.name, r.name));
  const accountById = new Map(model.accounts.map((a) => [a.id, a]));

  const issuers = new Map<string, string>();
  for (const a of model.accounts) for (const p of a.oidcProviders) if (!issuers.has(p.issuer)) issuers.set(p.issuer, p.host);
  const usesGoogle = model.accounts.some((a) => a.roles.some((r) => r.trust.some((t) => t.spec.type === 'google-service-account')));
  const services = [...new Set(model.accounts.flatMap((a) => a.roles.flatMap((r) => r.trust.flatMap((t) => servicePrincipal(t) ?? []))))].sort(byCodePoint);

  if (issuers.size > 0 || usesGoogle) {
    out.push(`  subgraph issuers[${label('Identity issuers')}]`);
    for (const [name, host] of byKey(issuers)) out.push(`    ${id('issuer', name)}([${label(`${name}<br/>${host}`)}])`);
    if (usesGoogle) out.push(`    ${id('issuer', GOOGLE_ISSUER)}([${label(GOOGLE_ISSUER)}])`);
    out.push('  end');
  }
  if (services.length > 0) {
    out.push(`  subgraph services[${label('AWS services')}]`);
    for (const s of services) out.push(`    ${id('service', s)}([${label(s)}])`);
    out.push('  end');
  }

  // Trusted roles outside the spec, by account id.
  const external = new Map<string, Map<string, string>>();
  for (const a of model.accounts)
    for (const r of a.roles)
      for (const t of r.trust) {
        if (t.spec.type !== 'aws-role' && t.spec.type !== 'aws-account') continue;
        const arn = 'roleArn' in t ? t.roleArn : (t as Extract<ResolvedTrust, { rootArn: string }>).rootArn;
        if (roleNode.has(arn)) continue;
        const parts = awsPrincipalParts(arn);
        const acct = parts?.account ?? 'unknown';
        // A whole account (its root) is drawn as one node of that account.
        const name = t.spec.type === 'aws-account' ? 'every principal (account root)' : (parts?.roleName ?? arn);
        const node = id('external', acct, t.spec.type === 'aws-account' ? 'root' : name);
        roleNode.set(arn, node);
        const list = external.get(acct) ?? new Map<string, string>();
        list.set(node, name);
        external.set(acct, list);
      }

  for (const a of model.accounts) {
    out.push(`  subgraph ${id('account', a.name)}[${label(`${a.name} · ${a.id}`)}]`);
    for (const r of a.roles) out.push(`    ${id('role', a.name, r.name)}[${label(r.name)}]`);
    const users = [...new Set(a.roles.flatMap((r) => r.trust.flatMap((t) => (t.spec.type === 'iam-user' ? [t.spec.user] : []))))];
    for (const u of users) out.push(`    ${id('user', a.name, u)}[/${label(`user ${u}`)}/]`);
    for (const [node, name] of external.get(a.id) ?? []) out.push(`    ${node}[${label(`${name} (not in the spec)`)}]`);
    out.push('  end');
  }
  for (const [acct, nodes] of byKey(external)) {
    if (accountById.has(acct)) continue;
    out.push(`  subgraph ${id('account', acct)}[${label(`${acct} (not in the spec)`)}]`);
    for (const [node, name] of nodes) out.push(`    ${node}[${label(name)}]`);
    out.push('  end');
  }

  for (const a of model.accounts) {
    for (const r of a.roles) {
      const to = id('role', a.name, r.name);
      for (const t of r.trust) {
        for (const [from, text, dashed] of edgesOf(t, a.name, roleNode)) out.push(`  ${from} ${dashed ? '-.->' : '-->'}|${label(text)}| ${to}`);
      }
    }
  }
  return out.join('\n');
}

/** Above this many trust edges the role-level graph is too large to draw: edges are aggregated per account pair. */
export const MAX_GRAPH_EDGES = 150;

const edgeCount = (model: Model) =>
  model.accounts.reduce(
    (n, a) => n + a.roles.reduce((m, r) => m + r.trust.reduce((k, t) => k + (t.spec.type === 'web-identity' ? t.spec.issuers.length : 1), 0), 0),
    0,
  );

/** The role-level graph when it can be drawn, else {@link accountGraph}. */
export function organizationGraph(model: Model): { readonly graph: string; readonly aggregated: boolean } {
  return edgeCount(model) <= MAX_GRAPH_EDGES ? { graph: trustGraph(model), aggregated: false } : { graph: accountGraph(model), aggregated: true };
}

/**
 * The trust graph per account: issuers, Google, services and accounts as
 * nodes, one edge per (source, account) pair labelled with how many roles of
 * the account it may assume; a role of one account trusted by roles of
 * another becomes one account -> account edge.
 */
export function accountGraph(model: Model): string {
  const roleNode = new Map<string, string>();
  const accountOfRole = new Map<string, string>();
  for (const a of model.accounts) {
    const account = id('account', a.name);
    for (const r of a.roles) {
      const node = id('role', a.name, r.name);
      roleNode.set(r.arn, node);
      accountOfRole.set(node, account);
    }
  }
  const nodes = new Map<string, string>();
  for (const a of model.accounts) nodes.set(id('account', a.name), `[${label(`${a.name} · ${a.id}`)}]`);
  for (const a of model.accounts) for (const p of a.oidcProviders) nodes.set(id('issuer', p.issuer), `([${label(`${p.issuer}<br/>${p.host}`)}])`);
  const counts = new Map<string, Set<string>>();
  for (const a of model.accounts) {
    const to = id('account', a.name);
    for (const r of a.roles) {
      for (const t of r.trust) {
        if (t.spec.type === 'aws-role') {
          const arn = (t as Extract<ResolvedTrust, { roleArn: string }>).roleArn;
          if (!roleNode.has(arn)) {
            const acct = awsPrincipalParts(arn)?.account ?? 'unknown';
            roleNode.set(arn, id('external', acct, arn));
            accountOfRole.set(id('external', acct, arn), id('account', acct));
            nodes.set(id('account', acct), `[${label(`${acct} (not in the spec)`)}]`);
          }
        }
        for (const [from] of edgesOf(t, a.name, roleNode)) {
          const source = accountOfRole.get(from) ?? (from.startsWith('user_') ? to : from);
          if (from.startsWith('issuer_') && !nodes.has(from)) nodes.set(from, `([${label(from === GOOGLE_NODE ? GOOGLE_ISSUER : from)}])`);
          const service = servicePrincipal(t);
          if (service) nodes.set(from, `([${label(service)}])`);
          const key = `${source} ${to}`;
          const set = counts.get(key) ?? new Set<string>();
          set.add(r.name);
          counts.set(key, set);
        }
      }
    }
  }
  const out = ['flowchart LR'];
  for (const [node, shape] of byKey(nodes)) out.push(`  ${node}${shape}`);
  for (const [key, roles] of counts) {
    const [from, to] = key.split(' ');
    out.push(`  ${from} -->|${label(`${roles.size} role${roles.size === 1 ? '' : 's'}`)}| ${to}`);
  }
  return out.join('\n');
}

/** For the page of `access-html.ts`: the same nodes and edges, drawn as SVG. */
export { id as nodeId, edgesOf, servicePrincipal };
