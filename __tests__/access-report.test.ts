/**
 * `modules/ACCESS.md` and the trust graph in it: written by synthesize(),
 * byte-identical across runs and directories, with one Mermaid edge per trust
 * entry grouped by account, and the access matrix of the same policies.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessMarkdown } from '../src/access/access-md';
import { trustGraph } from '../src/access/graph';
import { resolveModel } from '../src/model/resolve';
import { validateSpec } from '../src/spec/load';
import { ACCESS_MD_MAX_ROLES, formatSummary } from '../src/summary';
import { accessMdDecision, loadSpec, synthesize } from '../src/synth';
import { generateSpec } from '../bench/spec-gen';
import { synthTo, tempDir } from './helpers/synth';

const model = resolveModel(loadSpec(''));

describe('ACCESS.md beside the modules', () => {
  const first = synthTo(undefined);
  const second = synthTo(undefined);
  const text = readFileSync(join(first.dir, 'modules', 'ACCESS.md'), 'utf8');

  it('is written by synthesize() and byte-identical across runs and output directories', () => {
    expect(readFileSync(join(second.dir, 'modules', 'ACCESS.md'), 'utf8')).toBe(text);
    expect(text).toBe(accessMarkdown(model));
    expect(text).not.toContain(first.dir);
  });

  it('holds the trust graph and the passing matrix', () => {
    expect(text).toContain('```mermaid\nflowchart LR\n');
    expect(text).toContain('All checks pass. 10 roles × 45 identities = 450 checks: 15 allowed (15 declared), 0 failing, 0 cannot decide.');
    expect(text).toMatch(/^data-query\/airflow-athena\s+\.{30}AA\.{13}$/m);
    expect(text).toContain('| `oidc data-platform-cluster sub=system:serviceaccount:prod:sample-<uuid> aud=sts.amazonaws.com` | same project, another environment, declared by trust[0] data-platform project sample in any environment | allow | allow | trust S0 |');
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
    expect(lines.slice(start + 1, start + 4)).toEqual(['    role_connections__connections_role_test["connections-role-test"]', '    role_connections__connections_data_sync["connections-data-sync"]', '  end']);
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

describe('when ACCESS.md is written (ACCESS_MATRIX, auto by default)', () => {
  test.each([
    [undefined, {}, 200, 'written'],
    [undefined, {}, 201, 'too-large'],
    [undefined, { ACCESS_MATRIX: 'auto' }, 201, 'too-large'],
    [undefined, { ACCESS_MATRIX: 'on' }, 20_000, 'written'],
    [undefined, { ACCESS_MATRIX: ' OFF ' }, 1, 'off'],
    [false, { ACCESS_MATRIX: 'on' }, 1, 'off'],
    [true, {}, 20_000, 'written'],
    ['auto', { ACCESS_MATRIX: 'on' }, 201, 'too-large'],
  ] as const)('option %p, env %p, %i roles: %s', (option, env, roles, expected) => {
    expect(accessMdDecision(option, roles, env)).toBe(expected);
  });

  test('GIVEN an ACCESS_MATRIX value it does not know THEN it names the variable and the values it takes', () => {
    expect(() => accessMdDecision(undefined, 1, { ACCESS_MATRIX: 'yes' })).toThrow('ACCESS_MATRIX=yes is not understood\n    fix: set ACCESS_MATRIX=on, off or auto (the default), or unset it');
  });

  test(`GIVEN a spec of more than ${ACCESS_MD_MAX_ROLES} roles THEN synth leaves ACCESS.md out and the summary says why and what to run`, () => {
    const big = validateSpec(generateSpec(11), 'org.yaml');
    const dir = tempDir();
    const result = synthesize(big, { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules'), offline: false, accessMatrix: 'auto' });
    expect(result.summary.accessMd).toBe('too-large');
    expect(existsSync(join(dir, 'modules', 'ACCESS.md'))).toBe(false);
    expect(formatSummary(result.summary, { outdir: 'o', modulesDir: 'm' })).toContain(
      '  access matrix: left out, 220 roles is over the 200 of ACCESS_MATRIX=auto (its checks grow with the square of the spec); run `npm run access`, or set ACCESS_MATRIX=on\n',
    );
  });
});
