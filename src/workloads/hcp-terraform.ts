/**
 * HCP Terraform dynamic credentials: the environment variables of a workspace
 * whose runs assume roles of the account. `TFC_AWS_PROVIDER_AUTH=true` turns
 * them on; a role trusted for both phases is `TFC_AWS_RUN_ROLE_ARN`, a split
 * pair is `TFC_AWS_PLAN_ROLE_ARN` and `TFC_AWS_APPLY_ROLE_ARN`; the audience is
 * always written, so the token carries the one the trust pins.
 */
import type { AccountModel } from '../model/types';
import { accountPath, hashHeader, type Artifact } from './artifact';
import { ciTrustOf } from './ci-fragment';
import { pushTo } from '../group-by';

const PHASE_VARIABLE = { both: 'TFC_AWS_RUN_ROLE_ARN', plan: 'TFC_AWS_PLAN_ROLE_ARN', apply: 'TFC_AWS_APPLY_ROLE_ARN' } as const;

interface WorkspaceRole {
  readonly role: string;
  readonly arn: string;
  readonly phase: keyof typeof PHASE_VARIABLE;
  readonly audience: string;
}

/**
 * Where a trust's variables go: its workspace, or for `workspace: "*"` a variable set of the
 * project, in `projects/` (a workspace name holds no "/", so the two never meet), its name
 * kept to letters, digits, "-" and "_" in the file name.
 */
function target(t: { readonly organization: string; readonly project: string; readonly workspace: string }): { key: string; file: string; what: string } {
  if (t.workspace !== '*')
    return { key: `${t.organization}/${t.workspace}`, file: `${t.organization}/${t.workspace}`, what: `workspace ${t.organization}/${t.workspace}` };
  return {
    key: `${t.organization}/projects/${t.project}`,
    file: `${t.organization}/projects/${t.project.replace(/[^A-Za-z0-9_-]/g, '_')}`,
    what: `a variable set of project "${t.project}" (organization ${t.organization}), applied to every workspace of the project`,
  };
}

/** `hcp-terraform/<organization>/<workspace>.env`, one per workspace that assumes a role of the account; `<organization>/projects/<project>.env` for a project-wide role. */
export function hcpTerraformArtifacts(account: AccountModel, spec: string): Artifact[] {
  const byWorkspace = new Map<string, WorkspaceRole[]>();
  const targets = new Map<string, ReturnType<typeof target>>();
  for (const role of account.roles) {
    const t = ciTrustOf(role, 'hcp-terraform');
    if (!t) continue;
    const where = target(t.spec);
    targets.set(where.key, where);
    pushTo(byWorkspace, where.key, { role: role.name, arn: role.arn, phase: t.spec.runPhase, audience: t.audience });
  }
  return [...byWorkspace].map(([key, roles]) => {
    const where = targets.get(key)!;
    const lines = [hashHeader(spec), `# Environment variables (category env) of HCP Terraform ${where.what}.`, 'TFC_AWS_PROVIDER_AUTH=true'];
    const taken = new Map<string, WorkspaceRole>();
    for (const r of roles) {
      const name = PHASE_VARIABLE[r.phase];
      const first = taken.get(name);
      // A workspace has one role per phase: the first in spec order; the others are named, not set.
      if (first) lines.push(`# ${name} is ${first.role}'s; ${r.role} (${r.arn}) is trusted for the same phase: give it its own workspace`);
      else {
        taken.set(name, r);
        lines.push(`${name}=${r.arn}`);
      }
    }
    const audiences = [...new Set(roles.map((r) => r.audience))];
    lines.push(`TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE=${audiences[0]}`);
    if (audiences.length > 1) lines.push(`# the roles pin different audiences (${audiences.join(', ')}): one workspace sends one`);
    return {
      account: account.name,
      roles: roles.map((r) => r.role),
      path: accountPath(account.name, `hcp-terraform/${where.file}.env`),
      kind: 'hcp-terraform-variables' as const,
      use: `environment variables of ${where.what} (category env)`,
      content: [...lines, ''].join('\n'),
    };
  });
}
