/** The package's public API (src/index.ts) is a deliberate, short list: a name added or lost here is a decision. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import * as api from '../src';

/** Every name src/index.ts exports, values and types, read from its export declarations. */
function exportedNames(): string[] {
  const file = join(__dirname, '..', 'src', 'index.ts');
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  for (const st of sf.statements) {
    if (!ts.isExportDeclaration(st)) throw new Error(`src/index.ts: only \`export { ... } from\` lists are expected, found: ${st.getText(sf).slice(0, 80)}`);
    if (!st.exportClause || !ts.isNamedExports(st.exportClause))
      throw new Error('src/index.ts: `export *` would publish whatever a file exports; list the names');
    for (const e of st.exportClause.elements) names.push(e.name.text);
  }
  return names.sort();
}

test('GIVEN src/index.ts WHEN loaded THEN it exports exactly the documented entry points, each usable', () => {
  expect(Object.keys(api).sort()).toEqual(
    [
      'RULES',
      'SpecError',
      'buildMatrix',
      'defineSpec',
      'diffMatrices',
      'evaluateAssumeRole',
      'evaluatePolicies',
      'evaluatePolicy',
      'lintIdentityPolicy',
      'lintTrustPolicy',
      'loadSpec',
      'loadSpecFile',
      'parseSpecYaml',
      'runExplain',
      'synthesize',
      'validateSpec',
    ].sort(),
  );
  for (const [name, value] of Object.entries(api)) expect([name, typeof value === 'function' || Array.isArray(value)]).toEqual([name, true]);
});

test('GIVEN src/index.ts WHEN its types are listed THEN they are what users compose (spec, synth, lint, access), and no internal model type', () => {
  const types = exportedNames().filter((n) => !(n in api));
  expect(types).toEqual(
    [
      'AccessDiff',
      'AccessMatrix',
      'AccountSpec',
      'AssumeRoleDecision',
      'Decision',
      // runExplain's options and report
      'ExplainOptions',
      'ExplainReport',
      'ExplainResult',
      'FailedCondition',
      'RoleExplanation',
      'SpecChange',
      'Finding',
      'IssuerSpec',
      'Level',
      'LoadedSpec',
      'Problem',
      'RoleSpec',
      'Rule',
      'Spec',
      'SpecInput',
      'SynthOptions',
      'SynthResult',
      'TrustContext',
      'TrustSpec',
      'Verdict',
    ].sort(),
  );
  for (const internal of ['Model', 'AccountModel', 'RoleModel', 'OidcProviderModel', 'GrantModel', 'ResolvedTrust']) expect(types).not.toContain(internal);
});
