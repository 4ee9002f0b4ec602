/**
 * The spec.yaml that `cross-account-iam init` writes: a small organization
 * (a CI deploy role, a Kubernetes workload reaching into another account),
 * commented, valid and lint-clean (a test checks both), with the
 * `yaml-language-server` line that gives editors the JSON Schema.
 */
export function scaffoldSpec(schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}
#
# The spec of cross-account-iam: your AWS accounts, the OIDC issuers whose tokens
# they accept, and the roles your workloads assume. \`npx cdktf synth\` turns it
# into one Terraform stack per account (cdktf.out/) and plain modules (modules/).
# \`npx cross-account-iam check\` validates and lints it without writing anything.
version: 1

issuers:
  # GitHub Actions' token issuer.
  github:
    url: https://token.actions.githubusercontent.com
  # An EKS cluster's issuer: aws eks describe-cluster --name NAME --query cluster.identity.oidc.issuer
  platform-cluster:
    url: https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E

accounts:
  - name: platform                 # the stack name, and modules/platform/
    id: "111111111111"             # quote it: unquoted numbers lose leading zeros
    region: eu-west-1
    oidcProviders:
      github: create               # create the IAM OIDC provider in this account
      platform-cluster: existing   # EKS created this one with the cluster
    roles:
      # Deploys from the main branch of one repository, pinned to its immutable ids
      # (gh api repos/example-org/infrastructure --jq .owner.id,.id). idsIn: migration accepts both
      # subjects GitHub sends, repo:owner/name:... and, since 2026-07-15 for a repository created,
      # renamed or transferred, repo:owner@ID/name@ID:...; keep the one yours sends (docs/issuers.md).
      - name: deploy
        trust:
          - { type: github-actions, issuer: github, repository: example-org/infrastructure, ownerId: "1234567", repositoryId: "89012345", idsIn: migration, branches: [main] }
        managedPolicies: [arn:aws:iam::aws:policy/ReadOnlyAccess]
      # A pod's service account (IRSA); it also reaches the role in "data" below.
      - name: reports
        trust:
          - { type: kubernetes-service-account, issuer: platform-cluster, namespace: reports, serviceAccount: reports-writer }

  - name: data
    id: "222222222222"
    region: eu-west-1
    roles:
      # Trusts exactly the reports role of the platform account; the platform
      # stack gets the matching sts:AssumeRole grant.
      - name: reports-bucket-writer
        trust:
          - { type: aws-role, role: reports, account: platform }
        inlinePolicies:
          - name: write-reports
            statements:
              - { actions: ["s3:PutObject"], resources: ["arn:aws:s3:::example-reports/*"] }
`;
}
