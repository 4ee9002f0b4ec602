/**
 * IRSA and EKS Pod Identity consumers: the ServiceAccount manifest (annotated
 * with the role ARN for IRSA; Pod Identity needs no annotation, the
 * association does the binding), and, when the trust names a Deployment, a
 * JSON 6902 patch setting its `serviceAccountName` plus a kustomize Component
 * that bundles both. `op: add` rather than `replace`: it works whether or not
 * the Deployment already sets the field.
 */
import { Document } from 'yaml';
import type { AccountModel, RoleModel } from '../model/types';
import { generatedHeader, rolePath, type Artifact } from './artifact';

export const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';

interface K8sBinding {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly deployment?: string;
  readonly annotateRoleArn: boolean;
}

function yaml(value: unknown, comment: string): string {
  const doc = new Document(value);
  doc.commentBefore = ` ${comment}`;
  return doc.toString({ lineWidth: 0 });
}

function bindings(role: RoleModel): K8sBinding[] {
  const out: K8sBinding[] = [];
  for (const t of role.trust) {
    if (t.spec.type === 'kubernetes-service-account' || t.spec.type === 'eks-pod-identity') {
      out.push({ namespace: t.spec.namespace, serviceAccount: t.spec.serviceAccount, deployment: t.spec.deployment, annotateRoleArn: t.spec.type === 'kubernetes-service-account' });
    }
  }
  return out;
}

export function kubernetesArtifacts(account: AccountModel, role: RoleModel, spec: string): Artifact[] {
  const out: Artifact[] = [];
  const header = generatedHeader(spec);
  for (const b of bindings(role)) {
    const dir = `k8s/${b.namespace}/${b.serviceAccount}`;
    const base = { account: account.name, role: role.name };
    const metadata: Record<string, unknown> = { name: b.serviceAccount, namespace: b.namespace };
    if (b.annotateRoleArn) metadata.annotations = { [IRSA_ANNOTATION]: role.arn };
    out.push({
      ...base,
      path: rolePath(account.name, role.name, `${dir}/serviceaccount.yaml`),
      kind: 'kubernetes-service-account',
      use: b.annotateRoleArn ? 'kubectl apply -f (IRSA: annotated with the role ARN)' : 'kubectl apply -f (Pod Identity: the association binds it to the role)',
      content: yaml({ apiVersion: 'v1', kind: 'ServiceAccount', metadata }, header),
    });
    if (!b.deployment) continue;
    out.push({
      ...base,
      path: rolePath(account.name, role.name, `${dir}/deployment-patch.yaml`),
      kind: 'kustomize-patch',
      use: `JSON 6902 patch: Deployment ${b.deployment} runs as ${b.serviceAccount}`,
      content: yaml([{ op: 'add', path: '/spec/template/spec/serviceAccountName', value: b.serviceAccount }], header),
    });
    out.push({
      ...base,
      path: rolePath(account.name, role.name, `${dir}/kustomization.yaml`),
      kind: 'kustomize-component',
      use: `add this folder under \`components:\` of the kustomization that has Deployment ${b.deployment}`,
      content: yaml(
        {
          apiVersion: 'kustomize.config.k8s.io/v1alpha1',
          kind: 'Component',
          resources: ['serviceaccount.yaml'],
          patches: [{ path: 'deployment-patch.yaml', target: { group: 'apps', version: 'v1', kind: 'Deployment', name: b.deployment } }],
        },
        header,
      ),
    });
  }
  return out;
}
