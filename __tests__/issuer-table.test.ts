/**
 * One issuer table (src/input/issuers.ts): every known issuer form, what
 * `issuerOf(host)` says it is (the answers docs/issuers.md gives, with their
 * sources), and every consumer that asks agreeing with it, through its own
 * behaviour: the github-actions builder and a self-hosted CI preset's
 * builder, the lint pack (TRUST016 for GitHub subjects, TRUST019 for CI
 * subjects, TRUST023 for accepted claims), the access proof's "another
 * issuer" near-miss, and the importer's trust mapping, issuer names and
 * unrelated subjects.
 */
import { otherIssuerHost } from '../src/access/identities/caller';
import { unrelatedSubject } from '../src/brownfield/identities';
import { issuerName } from '../src/brownfield/import';
import { importTrust } from '../src/brownfield/trust-import';
import { runRule } from '../src/lint';
import { trust016 } from '../src/lint/rules/trust-016-github-subject-without-repo';
import { trust019 } from '../src/lint/rules/trust-019-ci-subject-wildcard';
import { trust023 } from '../src/lint/rules/trust-023-claim-sts-does-not-accept';
import { CI_PRESETS } from '../src/input/trust-types/ci-presets';
import { issuerOf, type IssuerKind } from '../src/input/issuers';
import { ORG } from './helpers/ci-issuers';
import { inputProblems, oneAccount } from './helpers/model';
import { trustPolicy, webIdentity } from './helpers/rule-harness';

const ACCOUNT = '123456789012';

/** Every issuer form the tool knows, and what it is: [host, kind, CI preset, whether STS's claims for it are known]. */
const FORMS: readonly (readonly [host: string, kind: IssuerKind, preset: string | undefined, claimsKnown: boolean])[] = [
  ['token.actions.githubusercontent.com', 'github', undefined, true],
  ['token.actions.githubusercontent.com/octo-enterprise', 'github', undefined, true],
  ['token.actions.octocorp.ghe.com', 'github', undefined, true],
  ['token.actions.octocorp.ghe.com/octocorp', 'github', undefined, true],
  ['github.com/enterprises/octo-enterprise', 'github', undefined, true],
  ['github.example.com/_services/token', 'github', undefined, true],
  ['oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E', 'eks', undefined, false],
  ['oidc.eks.cn-north-1.amazonaws.com.cn/id/8A024CF24ADD3925BEFA224C4BDD005B', 'eks', undefined, false],
  ['oidc.eks.us-gov-west-1.amazonaws.com/id/5C0FFEE5C0FFEE5C0FFEE5C0FFEE5C0F', 'eks', undefined, false],
  ['accounts.google.com', 'google', undefined, false],
  ['cognito-identity.amazonaws.com', 'cognito', undefined, false],
  ['gitlab.com', 'ci', 'gitlab-ci', true],
  ['app.terraform.io', 'ci', 'hcp-terraform', true],
  [`oidc.circleci.com/org/${ORG}`, 'ci', 'circleci', true],
  ['agent.buildkite.com', 'ci', 'buildkite', true],
  ['api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc', 'ci', 'bitbucket-pipelines', true],
  // Look-alikes: none of the above.
  ['gitlab.example.com', 'generic', undefined, false],
  ['token.actions.githubusercontent.com.example.org', 'generic', undefined, false],
  ['example.org/token.actions.githubusercontent.com', 'generic', undefined, false],
  ['github.example.com/_services/token/extra', 'generic', undefined, false],
  ['oidc.eks.eu-west-1.amazonaws.com/id/ABC/extra', 'generic', undefined, false],
  ['oidc.eks.eu-west-1.amazonaws.com.example.org/id/ABC', 'generic', undefined, false],
];

describe.each(FORMS)('issuer %s', (host, kind, preset, claimsKnown) => {
  const arn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}`;
  const isGithub = kind === 'github';

  test(`GIVEN the host WHEN the issuer table is asked THEN it is ${kind}${preset ? ` (${preset})` : ''}`, () => {
    expect({ kind: issuerOf(host).kind, preset: issuerOf(host).preset }).toEqual({ kind, preset });
    expect(issuerOf(host).claims !== undefined).toBe(claimsKnown);
    // Hosts compare in lower case, as IAM compares them.
    expect(issuerOf(host.toUpperCase()).kind).toBe(kind);
  });

  test('GIVEN a github-actions trust on an issuer of this URL THEN the builder accepts it exactly when the table says GitHub', () => {
    const spec = oneAccount([{ name: 'r', trust: [{ type: 'github-actions', issuer: 'i', repository: 'octo-org/deploy', branches: ['main'] }] }], {
      issuers: { i: { url: `https://${host}` } },
    });
    const refused = inputProblems(spec).filter((p) => p.path === 'accounts[0].roles[0].trust[0].issuer');
    expect(refused.length === 0).toBe(isGithub);
  });

  test('GIVEN a self-hosted gitlab-ci trust on an issuer of this URL THEN the builder accepts it exactly when the table knows no other issuer there', () => {
    const trust = { type: 'gitlab-ci', issuer: 'i', project: 'platform/deploy', branches: ['main'], audience: 'aws-prod' };
    const spec = oneAccount([{ name: 'r', trust: [trust] }], { issuers: { i: { url: `https://${host}`, clientIds: ['aws-prod'] } } });
    const refused = inputProblems(spec).filter((p) => p.path === 'accounts[0].roles[0].trust[0].issuer');
    expect(refused.length === 0).toBe(kind === 'generic' || preset === 'gitlab-ci');
  });

  test('GIVEN a sub that does not start with the repository THEN TRUST016 flags it exactly on a GitHub issuer', () => {
    const subject = trustPolicy([webIdentity(arn, ['StringEquals', `${host}:sub`, 'environment:prod'], ['StringEquals', `${host}:aud`, 'sts.amazonaws.com'])]);
    expect(runRule(trust016, subject).status).toBe(isGithub ? 'non-compliant' : 'not-applicable');
  });

  test("GIVEN a bare wildcard sub THEN TRUST019 flags it exactly on a CI vendor's hosted issuer", () => {
    const subject = trustPolicy([webIdentity(arn, ['StringLike', `${host}:sub`, '*'], ['StringEquals', `${host}:aud`, 'sts.amazonaws.com'])]);
    expect(runRule(trust019, subject).status).toBe(preset ? 'non-compliant' : 'not-applicable');
  });

  test('GIVEN a condition on a claim no issuer has THEN TRUST023 judges it exactly where the table knows the accepted claims', () => {
    const subject = trustPolicy([webIdentity(arn, ['StringEquals', `${host}:sub`, 'x'], ['StringEquals', `${host}:no_such_claim`, 'x'])]);
    expect(runRule(trust023, subject).status).toBe(claimsKnown ? 'non-compliant' : 'not-applicable');
  });

  test("GIVEN the access proof's other-issuer near-miss THEN it is another cluster of the region exactly for EKS, else another issuer", () => {
    const other = otherIssuerHost(host);
    expect(other).not.toBe(host);
    expect(issuerOf(other).kind === 'eks').toBe(kind === 'eks');
    if (kind === 'eks') expect(other.slice(0, other.indexOf('/id/'))).toBe(host.slice(0, host.indexOf('/id/')));
  });

  test("GIVEN the importer THEN its issuer name, unrelated subject and trust mapping follow the table's kind", () => {
    expect(issuerName(host).startsWith('eks-')).toBe(kind === 'eks');
    const unrelated = unrelatedSubject(host);
    expect(unrelated.startsWith('system:serviceaccount:')).toBe(kind === 'eks');
    expect(unrelated.startsWith('repo:')).toBe(isGithub);
    const trust = {
      Version: '2012-10-17',
      Statement: [
        webIdentity(arn, ['StringEquals', `${host}:sub`, 'repo:octo-org/deploy:ref:refs/heads/main'], ['StringEquals', `${host}:aud`, 'sts.amazonaws.com']),
      ],
    };
    const imported = importTrust(trust, { accountId: ACCOUNT, issuer: () => ({ name: 'i' }) });
    expect(imported).toHaveProperty('trust');
    expect('trust' in imported && imported.trust[0].type).toBe(isGithub ? 'github-actions' : 'web-identity');
  });
});

test('GIVEN every CI preset record THEN its hosted issuer is in the table as that preset, and every form above is tried', () => {
  for (const p of CI_PRESETS) expect(FORMS.some(([host, , preset]) => preset === p.type && p.hosted.host.test(host))).toBe(true);
});
