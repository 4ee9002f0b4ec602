/**
 * A spec whose access proof fails, for the suites that test synth's gate (synth-access-gate, synth-proof-thread).
 * Role `ci` (account a) may assume `target` (account b), as the spec declares,
 * but its own inline policy denies every sts:AssumeRole: the proof finds the
 * declared caller (the role and a session of it) denied. `targetExtra` goes
 * into `target`, `accountExtra` into account b.
 */
export const deniedSpec = (targetExtra = '', accountExtra = '') => `version: 1
issuers:
  cluster:
    url: https://oidc.eks.eu-west-1.amazonaws.com/id/ABC
accounts:
  - name: a
    id: "111111111111"
    region: eu-west-1
    oidcProviders: { cluster: existing }
    roles:
      - name: ci
        trust:
          - { type: kubernetes-service-account, issuer: cluster, namespace: ns, serviceAccount: sa }
        inlinePolicies:
          - name: no-hops
            statements:
              - { effect: Deny, actions: ["sts:AssumeRole"], resources: ["*"] }
  - name: b
    id: "222222222222"
    region: eu-west-1
${accountExtra}    roles:
      - name: target
${targetExtra}        trust:
          - { type: aws-role, role: ci, account: a }
`;
