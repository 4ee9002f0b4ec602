/**
 * IRSA and EKS Pod Identity consumers. Every ServiceAccount bound to a role of
 * the account goes into one manifest per cluster, `kubernetes/<cluster>.yaml`
 * (annotated with the role ARN for IRSA; Pod Identity needs no annotation, the
 * association does the binding). A binding that names a Deployment gets a
 * kustomize Component instead, `kustomize/<cluster>/<namespace>/<service
 * account>/`: the ServiceAccount, a JSON 6902 patch setting the Deployment's
 * `serviceAccountName`, and the `kustomization.yaml` bundling both. `op: add`
 * rather than `replace`: it works whether or not the Deployment already sets
 * the field. Each ServiceAccount is in exactly one file.
 *
 * The cluster is the EKS cluster's name: for Pod Identity the entry's
 * `cluster`; for IRSA the issuer's `cluster`, else the issuer's name. So one
 * cluster whose issuer names it gets one manifest for both kinds of binding.
 */
import type { AccountModel, Model, ResolvedTrust, RoleModel } from '../model/types';
import { accountPath, generatedHeader, type Artifact } from './artifact';
import { pushTo } from '../group-by';
import { yamlDocument } from './yaml-text';

export const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';

export interface K8sBinding {
  readonly role: RoleModel;
  readonly cluster: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly deployment?: string;
  readonly annotateRoleArn: boolean;
}

/** The EKS cluster an IRSA issuer belongs to: its `cluster`, else its own name. */
export const irsaCluster = (model: Model, issuer: string) => model.issuers[issuer]?.cluster ?? issuer;

/** The ServiceAccount a trust entry binds, if it binds one. */
export function binding(model: Model, role: RoleModel, t: ResolvedTrust): K8sBinding | undefined {
  if (t.spec.type === 'kubernetes-service-account') {
    return {
      role,
      cluster: irsaCluster(model, t.spec.issuer),
      namespace: t.spec.namespace,
      serviceAccount: t.spec.serviceAccount,
      deployment: t.spec.deployment,
      annotateRoleArn: true,
    };
  }
  // A target role's entry: the association, and so the binding, belongs to its `via` role in the cluster's account.
  if (t.spec.type === 'eks-pod-identity' && t.spec.clusterAccount === undefined) {
    return {
      role,
      cluster: t.spec.cluster,
      namespace: t.spec.namespace,
      serviceAccount: t.spec.serviceAccount,
      deployment: t.spec.deployment,
      annotateRoleArn: false,
    };
  }
  return undefined;
}

/** `cluster/namespace/name`: one ServiceAccount, whichever role binds it. */
export const bindingKey = (b: K8sBinding) => `${b.cluster}/${b.namespace}/${b.serviceAccount}`;

function serviceAccount(b: K8sBinding): Record<string, unknown> {
  const metadata: Record<string, unknown> = { name: b.serviceAccount, namespace: b.namespace };
  if (b.annotateRoleArn) metadata.annotations = { [IRSA_ANNOTATION]: b.role.arn };
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata };
}

function yaml(values: readonly unknown[], comment: string): string {
  return values.map((value, i) => yamlDocument(value, i === 0 ? comment : undefined)).join('---\n');
}

export function kubernetesArtifacts(model: Model, account: AccountModel): Artifact[] {
  const spec = model.file;
  // First binding of each ServiceAccount wins; a second role binding it is a warning (warnings.ts).
  const seen = new Set<string>();
  const manifests = new Map<string, K8sBinding[]>();
  const components: K8sBinding[] = [];
  for (const role of account.roles) {
    for (const t of role.trust) {
      const b = binding(model, role, t);
      if (!b || seen.has(bindingKey(b))) continue;
      seen.add(bindingKey(b));
      if (b.deployment) components.push(b);
      else pushTo(manifests, b.cluster, b);
    }
  }
  const header = generatedHeader(spec);
  const roles = (bs: readonly K8sBinding[]) => [...new Set(bs.map((b) => b.role.name))];
  const out: Artifact[] = [];
  for (const [cluster, bs] of manifests) {
    const irsa = bs.some((b) => b.annotateRoleArn);
    const pod = bs.some((b) => !b.annotateRoleArn);
    const how =
      irsa && pod
        ? 'IRSA ones annotated with the role ARN, Pod Identity ones bound by the association'
        : irsa
          ? 'IRSA: annotated with the role ARN'
          : 'Pod Identity: the association binds them to the role';
    out.push({
      path: accountPath(account.name, `kubernetes/${cluster}.yaml`),
      account: account.name,
      roles: roles(bs),
      kind: 'kubernetes-service-accounts',
      use: `kubectl apply -f on cluster ${cluster} (${how})`,
      content: yaml(bs.map(serviceAccount), header),
    });
  }
  for (const b of components) {
    const dir = `kustomize/${b.cluster}/${b.namespace}/${b.serviceAccount}`;
    const base = { account: account.name, roles: [b.role.name] };
    out.push(
      {
        ...base,
        path: accountPath(account.name, `${dir}/serviceaccount.yaml`),
        kind: 'kubernetes-service-accounts',
        use: b.annotateRoleArn
          ? 'the ServiceAccount of the Component (IRSA: annotated with the role ARN)'
          : 'the ServiceAccount of the Component (Pod Identity: the association binds it)',
        content: yaml([serviceAccount(b)], header),
      },
      {
        ...base,
        path: accountPath(account.name, `${dir}/deployment-patch.yaml`),
        kind: 'kustomize-patch',
        use: `JSON 6902 patch: Deployment ${b.deployment} runs as ${b.serviceAccount}`,
        content: yaml([[{ op: 'add', path: '/spec/template/spec/serviceAccountName', value: b.serviceAccount }]], header),
      },
      {
        ...base,
        path: accountPath(account.name, `${dir}/kustomization.yaml`),
        kind: 'kustomize-component',
        use: `add this folder under \`components:\` of the kustomization that has Deployment ${b.deployment} on cluster ${b.cluster}`,
        content: yaml(
          [
            {
              apiVersion: 'kustomize.config.k8s.io/v1alpha1',
              kind: 'Component',
              resources: ['serviceaccount.yaml'],
              patches: [{ path: 'deployment-patch.yaml', target: { group: 'apps', version: 'v1', kind: 'Deployment', name: b.deployment } }],
            },
          ],
          header,
        ),
      },
    );
  }
  return out;
}
