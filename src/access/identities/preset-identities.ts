/**
 * Identities for the workload presets: GitHub Actions runs, EKS Pod Identity
 * sessions, several OIDC issuers on one role, and the IAM-user fallback. Each
 * declared subject is tried (a pattern with an example filled in), and
 * near-misses around it: another repository sharing the prefix, another
 * branch, GitHub environment or a pull-request run; another namespace,
 * service account or cluster in the session tags, or a missing tag; another
 * owner id or repository id, in the subject or as a claim, or no id claim;
 * another issuer's subject presented to this issuer; the same user elsewhere.
 */
import type { CiResolvedTrust, PodIdentityResolvedTrust, ResolvedTrust } from '../../model/types';
import { githubRepoPrefix, idsInClaims, idsInSubject } from '../../trust/github-actions';
import { POD_IDENTITY_SERVICE, POD_IDENTITY_TAGS } from '../../trust/eks-pod-identity';
import { ciIdentities } from './ci-identities';
import { PRINCIPAL_ORG_ID } from '../../trust/aws-organization';
import { claimNearMisses, KUBERNETES_DEFAULT_AUDIENCE, sessionArn, webCaller, withClaim, type Caller, type Variant } from './caller';
import { awsPrincipalParts } from '../evaluate/request';
import { injectedSubject, laterPartsOf } from '../../input/subject-parts';

type Preset = Extract<ResolvedTrust, { spec: { type: 'github-actions' | 'eks-pod-identity' | 'web-identity' | 'iam-user' | 'aws-organization' } }>;

/** Another numeric id: the next one. */
const otherId = (id: string) => String(Number(id) + 1);

/** A subject that matches a pattern: `*` filled with an example word, `?` with one character. */
export function exampleSubject(pattern: string): string {
  return pattern.replace(/\*/g, 'example').replace(/\?/g, 'x');
}

const web = webCaller;

function github(t: Extract<Preset, { spec: { type: 'github-actions' } }>): [Variant, Caller][] {
  const { spec, provider } = t;
  const prefix = githubRepoPrefix(spec);
  const subjects = t.subjects.map((s) => (spec.allRefs && s.endsWith(':*') ? `${s.slice(0, -1)}ref:refs/heads/main` : exampleSubject(s)));
  // The claims besides sub a run carries when the trust asks for them: the first declared value of each.
  const extra: Record<string, string> = {};
  if (idsInClaims(spec)) {
    extra.repository_owner_id = spec.ownerId!;
    extra.repository_id = spec.repositoryId!;
  }
  if (spec.jobWorkflowRefs.length > 0) extra.job_workflow_ref = exampleSubject(spec.jobWorkflowRefs[0]);
  if (spec.actorIds.length > 0) extra.actor_id = spec.actorIds[0];
  if (spec.enterpriseId !== undefined) extra.enterprise_id = spec.enterpriseId;
  const main = { sub: subjects[0], aud: provider.audience, ...extra };
  const otherRepo = githubRepoPrefix({
    ...spec,
    repository: `${spec.repository}-extra`,
    repositoryId: spec.repositoryId === undefined ? undefined : otherId(spec.repositoryId),
  });
  const out: [Variant, Caller][] = subjects.map((sub) => ['workload', web(provider, { sub, aud: provider.audience, ...extra })]);
  // Another owner's repository of the same name and id, as GitHub would write it; and, pinned as claims, another or no owner id.
  if (idsInSubject(spec))
    out.push([
      'other-owner',
      web(provider, withClaim(main, 'sub', `${githubRepoPrefix({ ...spec, ownerId: otherId(spec.ownerId!) })}${subjects[0].slice(prefix.length)}`)),
    ]);
  if (extra.repository_owner_id !== undefined) {
    out.push(['other-owner', web(provider, withClaim(main, 'repository_owner_id', otherId(extra.repository_owner_id)))]);
    out.push(['missing-claim', web(provider, withClaim(main, 'repository_owner_id', undefined))]);
    out.push(['other-repository', web(provider, withClaim(main, 'repository_id', otherId(extra.repository_id)))]);
    out.push(['missing-claim', web(provider, withClaim(main, 'repository_id', undefined))]);
  }
  // During a migration: a repository that took over the name, sending the name-only subject with its own ids.
  if (spec.idsIn === 'migration' && extra.repository_id !== undefined) {
    const named = subjects.find((s) => !s.startsWith(`${prefix}:`))!;
    out.push([
      'other-owner',
      web(provider, { ...withClaim(main, 'sub', named), repository_owner_id: otherId(extra.repository_owner_id), repository_id: otherId(extra.repository_id) }),
    ]);
  }
  if (extra.job_workflow_ref !== undefined) {
    const [owner, repo] = spec.repository.split('/');
    out.push(['other-workflow', web(provider, withClaim(main, 'job_workflow_ref', `${owner}/${repo}/.github/workflows/unreviewed.yml@refs/heads/feature-x`))]);
    out.push(['missing-claim', web(provider, withClaim(main, 'job_workflow_ref', undefined))]);
  }
  if (extra.actor_id !== undefined) out.push(['other-actor', web(provider, withClaim(main, 'actor_id', `${extra.actor_id}0`))]);
  if (extra.enterprise_id !== undefined) out.push(['other-enterprise', web(provider, withClaim(main, 'enterprise_id', `${extra.enterprise_id}0`))]);
  out.push(['other-repository', web(provider, withClaim(main, 'sub', `${otherRepo}${subjects[0].slice(prefix.length)}`))]);
  if (!spec.allRefs) {
    out.push(['other-branch', web(provider, withClaim(main, 'sub', `${prefix}:ref:refs/heads/feature-x`))]);
    if (!spec.pullRequests) out.push(['pull-request', web(provider, withClaim(main, 'sub', `${prefix}:pull_request`))]);
    if (spec.environments.length > 0) {
      const env = spec.environments.includes('staging') ? 'sandbox' : 'staging';
      out.push(['other-environment-of-repo', web(provider, withClaim(main, 'sub', `${prefix}:environment:${env}`))]);
    }
  }
  // Without an audience, GitHub's token carries the owner's URL.
  const wrongAud = `https://github.com/${spec.repository.split('/')[0]}`;
  return [...out, ...claimNearMisses(provider, main, wrongAud === provider.audience ? 'sts.amazonaws.com' : wrongAud)];
}

/** The `sub` of the workload an `anySubject` entry declares: any one the issuer serves. */
export const ANY_WORKLOAD_SUBJECT = 'any-workload-of-the-issuer';

function webIdentity(t: Extract<Preset, { spec: { type: 'web-identity' } }>): [Variant, Caller][] {
  const out: [Variant, Caller][] = [];
  // anySubject (trust imported as it was): a token for an unrelated workload stands for the declared one, so the proof shows every workload of the issuer let in.
  const entries = t.spec.issuers.map((e) => ({ subjects: e.subjects ?? [ANY_WORKLOAD_SUBJECT], provider: t.providers.find((p) => p.issuer === e.issuer)! }));
  entries.forEach(({ subjects, provider }, i) => {
    const examples = subjects.map(exampleSubject);
    for (const sub of examples) out.push(['workload', web(provider, { sub, aud: provider.audience })]);
    const main = { sub: examples[0], aud: provider.audience };
    out.push(['other-subject', web(provider, withClaim(main, 'sub', `${examples[0]}-other`))]);
    // On a vendor's issuer whose `sub` goes on after a wildcard part (CircleCI, Buildkite): a run whose branch or step ends with the later parts of each subject.
    const later = laterPartsOf(provider.host);
    if (later) {
      for (const sub of subjects) {
        const injected = injectedSubject(later, sub);
        if (injected !== undefined) out.push([later.nearMiss, web(provider, withClaim(main, 'sub', injected))]);
      }
    }
    entries.forEach((other, j) => {
      const foreign = exampleSubject(other.subjects[0]);
      if (j !== i && !examples.includes(foreign)) out.push(['subject-of-other-issuer', web(provider, withClaim(main, 'sub', foreign))]);
    });
    out.push(...claimNearMisses(provider, main, provider.audience === KUBERNETES_DEFAULT_AUDIENCE ? 'sts.amazonaws.com' : KUBERNETES_DEFAULT_AUDIENCE));
  });
  return out;
}

const TAG = POD_IDENTITY_TAGS;

/**
 * Pods of the entry's service account, as EKS Pod Identity presents them: the
 * service with its session tags (none with tags off), and the near-misses
 * around them. For a target role (`sourceRoleArn`), EKS's second call: a
 * session of the association's role with the same tags or, tags off, the
 * external id; the near-misses add a wrong or missing external id and another
 * role of the cluster's account.
 */
function podIdentity(t: PodIdentityResolvedTrust): [Variant, Caller][] {
  const { spec, clusterArn, sourceRoleArn, externalId } = t;
  const tags: Record<string, string> = { [TAG.cluster]: clusterArn, [TAG.namespace]: spec.namespace, [TAG.serviceAccount]: spec.serviceAccount };
  const nearTags: [Variant, Record<string, string>][] = [
    ['other-namespace', withClaim(tags, TAG.namespace, spec.namespace === 'default' ? 'kube-system' : 'default')],
    ['other-service-account', withClaim(tags, TAG.serviceAccount, spec.serviceAccount === 'default' ? 'other' : 'default')],
    ['other-cluster', withClaim(tags, TAG.cluster, `${clusterArn}-other`)],
    ['missing-tag', withClaim(tags, TAG.namespace, undefined)],
  ];
  if (sourceRoleArn === undefined) {
    const pod = (context: Record<string, string>): Caller => ({ kind: 'service', service: POD_IDENTITY_SERVICE, context });
    return [['workload', pod(spec.disableSessionTags ? {} : tags)], ...nearTags.map(([v, c]): [Variant, Caller] => [v, pod(c)])];
  }
  const via = awsPrincipalParts(sourceRoleArn)!;
  const as = (context: Record<string, string>, role = via.roleName!): Caller => ({ kind: 'aws', arn: sessionArn(via.partition, via.account, role), context });
  const sent = externalId === undefined ? tags : { 'sts:ExternalId': externalId };
  return [
    ['workload', as(sent)],
    ['other-role', as(sent, `${via.roleName}-other`)],
    ...(externalId === undefined
      ? nearTags.map(([v, c]): [Variant, Caller] => [v, as(c)])
      : [
          // The external id of another service account of the same namespace.
          [
            'wrong-external-id',
            as({ 'sts:ExternalId': `${externalId.slice(0, externalId.lastIndexOf('/'))}/${spec.serviceAccount === 'default' ? 'other' : 'default'}` }),
          ] as [Variant, Caller],
          ['missing-external-id', as({})] as [Variant, Caller],
        ]),
  ];
}

function iamUser(t: Extract<Preset, { spec: { type: 'iam-user' } }>, otherAccount: string): [Variant, Caller][] {
  const m = /^(arn:[\w-]+:iam::)(\d{12})(:user\/.+)$/.exec(t.userArn)!;
  return [
    ['workload', { kind: 'aws', arn: t.userArn }],
    ['other-account', { kind: 'aws', arn: `${m[1]}${otherAccount}${m[3]}` }],
    ['other-user', { kind: 'aws', arn: `${t.userArn}-other` }],
  ];
}

/**
 * Organisation-wide trust: a role of an account outside the spec that is in the
 * organization (its `aws:PrincipalOrgID`), the same role from another
 * organization, and one in no organization.
 */
function organization(t: Extract<Preset, { spec: { type: 'aws-organization' } }>, otherAccount: string): [Variant, Caller][] {
  const arn = `arn:aws:iam::${otherAccount}:role/member-workload`;
  const org = t.spec.organizationId;
  const other = `${org.slice(0, -1)}${org.endsWith('0') ? '1' : '0'}`;
  return [
    ['workload', { kind: 'aws', arn, context: { [PRINCIPAL_ORG_ID]: org } }],
    ['other-organization', { kind: 'aws', arn, context: { [PRINCIPAL_ORG_ID]: other } }],
    ['outside-organization', { kind: 'aws', arn }],
  ];
}

export function presetIdentities(t: ResolvedTrust, otherAccount: string): [Variant, Caller][] {
  const p = t as Preset;
  switch (p.spec.type) {
    case 'github-actions':
      return github(p as Extract<Preset, { spec: { type: 'github-actions' } }>);
    case 'web-identity':
      return webIdentity(p as Extract<Preset, { spec: { type: 'web-identity' } }>);
    case 'eks-pod-identity':
      return podIdentity(p as PodIdentityResolvedTrust);
    case 'iam-user':
      return iamUser(p as Extract<Preset, { spec: { type: 'iam-user' } }>, otherAccount);
    case 'aws-organization':
      return organization(p as Extract<Preset, { spec: { type: 'aws-organization' } }>, otherAccount);
    default:
      return ciIdentities(t as CiResolvedTrust);
  }
}
