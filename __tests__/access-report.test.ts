/**
 * The access reports synth writes at every size: `modules/ACCESS.md` (the
 * organization view: counts, the trust graph, exceptions, chain flags) and
 * each account module's `ACCESS.md` (its roles, callers, near-misses and the
 * chains into them), byte-identical across runs and directories; the trust
 * graph with one Mermaid edge per trust entry, aggregated per account pair
 * when there are too many to draw.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAccessDocs } from '../src/access/report/access-md';
import { accountGraph, MAX_GRAPH_EDGES, organizationGraph, trustGraph } from '../src/access/report/graph';
import { resolveModel } from '../src/model/resolve';
import { validateSpec } from '../src/input/load';
import { formatSummary } from '../src/summary';
import { accessMdDecision, loadSpec, synthesize } from '../src/synth';
import { generateSpec } from '../bench/spec-gen';
import { synthTo, tempDir } from './helpers/synth';

const model = resolveModel(loadSpec(''));

describe('ACCESS.md beside the modules', () => {
  const first = synthTo(undefined);
  const second = synthTo(undefined);
  const text = readFileSync(join(first.dir, 'modules', 'ACCESS.md'), 'utf8');
  const account = (name: string, dir = first.dir) => readFileSync(join(dir, 'modules', name, 'ACCESS.md'), 'utf8');
  const docs = new Map<string, string>();
  writeAccessDocs(model, (path, content) => docs.set(path, content));

  it('is written by synthesize(), for the organization and for every account module, byte-identical across runs and output directories', () => {
    expect(readFileSync(join(second.dir, 'modules', 'ACCESS.md'), 'utf8')).toBe(text);
    expect(text).toBe(docs.get('ACCESS.md'));
    expect(text).not.toContain(first.dir);
    for (const a of model.accounts) {
      expect(account(a.name)).toBe(account(a.name, second.dir));
      expect(account(a.name)).toBe(docs.get(`${a.name}/ACCESS.md`));
    }
    expect([...docs.keys()].sort()).toEqual(['ACCESS.md', 'access.html', ...model.accounts.map((a) => `${a.name}/ACCESS.md`)].sort());
  });

  it('holds the counts, the trust graph, the exceptions and a link to every account', () => {
    expect(text).toContain('```mermaid\nflowchart LR\n');
    expect(text).toContain('All checks pass. 10 roles × 45 identities = 450 checks (');
    expect(text).toContain(': 15 allowed (15 declared), 0 failing, 0 cannot decide.');
    expect(text).toContain(
      '## Exceptions\n\nEvery check that fails (the policies and the spec disagree) or cannot be decided.\n\nNone: every check gives what the spec declares.',
    );
    for (const a of model.accounts) expect(text).toContain(`| [\`${a.name}\`](./${a.name}/ACCESS.md) | ${a.id} |`);
  });

  it("puts each role's callers and near-misses in its account's ACCESS.md", () => {
    expect(account('data-platform')).toContain(
      '| `oidc data-platform-cluster sub=system:serviceaccount:prod:sample-<uuid> aud=sts.amazonaws.com` | same project, another environment, declared by trust[0] data-platform project sample in any environment | allow | allow | trust S0 |',
    );
    expect(account('data-platform')).not.toContain('airflow-emr');
  });

  it("shows the Airflow chain: the worker's service account reaches airflow-emr and airflow-athena through the airflow role", () => {
    const worker = '`oidc airflow-cluster sub=system:serviceaccount:airflow:airflow-worker aud=sts.amazonaws.com`';
    expect(account('raw-data')).toContain(`- ${worker} → \`shared-services/airflow\` → \`raw-data/airflow-emr\`\n`);
    expect(account('data-query')).toContain(`- ${worker} → \`shared-services/airflow\` → \`data-query/airflow-athena\`\n`);
    expect(text).toContain('3 chains through 3 role-to-role hops');
  });
});

describe('the organization graph', () => {
  it('draws roles while it can, and aggregates trust edges per account pair above the limit', () => {
    expect(organizationGraph(model)).toEqual({ graph: trustGraph(model), aggregated: false });
    const big = resolveModel(validateSpec(generateSpec(11), 'org.yaml'));
    const { graph, aggregated } = organizationGraph(big);
    expect(aggregated).toBe(true);
    expect(graph).toBe(accountGraph(big));
    const edges = graph.split('\n').filter((l) => l.includes('-->'));
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.length).toBeLessThan(MAX_GRAPH_EDGES * 2);
    expect(edges).toContain('  account_acct_0000 -->|"3 roles"| account_acct_0001'); // from-hub-emr, from-hub-athena and from-peer
    expect(edges).toContain('  issuer_data_platform -->|"6 roles"| account_acct_0003');
    expect(new Set(edges).size).toBe(edges.length);
  });
});

describe('the trust graph', () => {
  const graph = trustGraph(model);
  const lines = graph.split('\n');

  it('has one edge per trust entry: issuer, google and service to role, and role to role', () => {
    expect(lines.filter((l) => l.includes('-->'))).toEqual([
      '  issuer_data_platform_cluster -->|"sample · dev"| role_data_platform__sample_dev',
      '  issuer_data_platform_cluster -->|"sample · any environment"| role_data_platform__sample_all',
      '  issuer_data_platform_cluster -->|"cross-account-sample · dev"| role_data_lake__cross_account_sample_dev',
      '  issuer_data_platform_cluster -->|"ingest_weather · dev"| role_data_lake__ingest_weather_dev',
      '  issuer_accounts_google_com -->|"aud 112233445566778899000"| role_data_lake__dataflow_s3_reader',
      '  issuer_airflow_cluster -->|"airflow/airflow-worker"| role_shared_services__airflow',
      '  role_shared_services__airflow -->|"sts:AssumeRole"| role_raw_data__airflow_emr',
      '  role_shared_services__airflow -->|"sts:AssumeRole"| role_data_query__airflow_athena',
      '  issuer_connections_cluster -->|"devops-aurora-1/connections-serviceaccount-s3"| role_connections__connections_role_test',
      '  role_connections__connections_role_test -->|"sts:AssumeRole"| role_connections__connections_data_sync',
      '  service_s3_amazonaws_com -->|"sts:AssumeRole"| role_connections__connections_data_sync',
    ]);
  });

  it('groups the roles in one subgraph per account, named with the account id', () => {
    const subgraphs = lines.filter((l) => l.trimStart().startsWith('subgraph account_'));
    expect(subgraphs.map((l) => l.trim())).toEqual(model.accounts.map((a) => `subgraph account_${a.name.replace(/-/g, '_')}["${a.name} · ${a.id}"]`));
    const start = lines.indexOf('  subgraph account_connections["connections · 204393242335"]');
    expect(lines.slice(start + 1, start + 4)).toEqual([
      '    role_connections__connections_role_test["connections-role-test"]',
      '    role_connections__connections_data_sync["connections-data-sync"]',
      '  end',
    ]);
  });

  it('draws a trusted role outside the spec dashed, in a subgraph of its account', () => {
    const spec = validateSpec({
      version: 1,
      accounts: [
        {
          name: 'a',
          id: '111111111111',
          region: 'eu-west-1',
          roles: [{ name: 'vendor-access', trust: [{ type: 'aws-role', role: 'arn:aws:iam::777777777777:role/vendor', externalId: 'ext-123' }] }],
        },
      ],
    });
    const g = trustGraph(resolveModel(spec)).split('\n');
    expect(g).toContain('  subgraph account_777777777777["777777777777 (not in the spec)"]');
    expect(g).toContain('    external_777777777777__vendor["vendor"]');
    expect(g).toContain('  external_777777777777__vendor -.->|"sts:AssumeRole + external id"| role_a__vendor_access');
  });
});

describe('when the access reports are written (ACCESS_MATRIX, on by default)', () => {
  test.each([
    [undefined, {}, 'written'],
    [undefined, { ACCESS_MATRIX: 'auto' }, 'written'],
    [undefined, { ACCESS_MATRIX: 'on' }, 'written'],
    [undefined, { ACCESS_MATRIX: ' OFF ' }, 'off'],
    [false, { ACCESS_MATRIX: 'on' }, 'off'],
    [true, {}, 'written'],
    ['auto', { ACCESS_MATRIX: 'off' }, 'written'],
  ] as const)('option %p, env %p: %s', (option, env, expected) => {
    expect(accessMdDecision(option, env)).toBe(expected);
  });

  test('GIVEN an ACCESS_MATRIX value it does not know THEN it names the variable and the values it takes', () => {
    expect(() => accessMdDecision(undefined, { ACCESS_MATRIX: 'yes' })).toThrow(
      'ACCESS_MATRIX=yes is not understood\n    fix: set ACCESS_MATRIX=on, off or auto (the default), or unset it',
    );
  });

  test('GIVEN a spec of more than 200 roles THEN synth writes the reports all the same, and the summary says so', () => {
    const big = validateSpec(generateSpec(11), 'org.yaml');
    const dir = tempDir();
    const result = synthesize(big, { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules'), offline: false });
    expect(result.summary.accessMd).toBe('written');
    expect(existsSync(join(dir, 'modules', 'ACCESS.md'))).toBe(true);
    expect(existsSync(join(dir, 'modules', 'acct-0010', 'ACCESS.md'))).toBe(true);
    expect(readFileSync(join(dir, 'modules', 'ACCESS.md'), 'utf8')).toContain('220 roles × ');
    expect(formatSummary(result.summary, { outdir: 'o', modulesDir: 'm' })).toContain(
      '  access reports: ACCESS.md, access.html and one ACCESS.md per account module (11)\n',
    );
  });
});
