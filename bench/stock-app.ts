/**
 * The stock cdktf TypeScript setup, for comparison: what `cdktf init
 * --template=typescript` gives (`npx ts-node main.ts`, the template's
 * tsconfig, type-checking at synth time), with the usual root import of the
 * AWS provider bindings. Its main.ts builds the same stack as ours for one
 * account, so both synthesize the same `cdk.tf.json` (the bench checks).
 *
 * Written into a temp dir with node_modules linked to this project's; never
 * committed.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountModel } from '../src/model/types';

/** tsconfig.json of the cdktf 0.21 TypeScript template. */
const TEMPLATE_TSCONFIG = {
  compilerOptions: {
    alwaysStrict: true,
    declaration: true,
    experimentalDecorators: true,
    inlineSourceMap: true,
    inlineSources: true,
    lib: ['es2018'],
    module: 'CommonJS',
    noEmitOnError: true,
    noFallthroughCasesInSwitch: true,
    noImplicitAny: true,
    noImplicitReturns: true,
    noImplicitThis: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    resolveJsonModule: true,
    strict: true,
    strictNullChecks: true,
    strictPropertyInitialization: true,
    stripInternal: true,
    target: 'ES2018',
    incremental: true,
    skipLibCheck: true,
  },
  include: ['**/*.ts'],
  exclude: ['node_modules', 'cdktf.out'],
};

const MAIN = (account: AccountModel) => `import { Construct } from "constructs";
import { App, Fn, LocalBackend, TerraformOutput, TerraformStack, TerraformVariable, Token, ITerraformDependable } from "cdktf";
import {
  dataAwsIamPolicyDocument,
  iamOpenidConnectProvider,
  iamRole,
  iamRolePolicy,
  iamRolePolicyAttachment,
  provider,
} from "@cdktf/provider-aws";

interface Doc {
  statements: {
    sid?: string;
    effect: string;
    actions: string[];
    resources?: string[];
    principals?: { type: string; identifiers: string[] }[];
    conditions?: { test: string; variable: string; values: string[] }[];
  }[];
}

// The account, as the spec describes it once resolved.
const account = ${JSON.stringify(account, null, 2)};

class Policy extends dataAwsIamPolicyDocument.DataAwsIamPolicyDocument {
  constructor(scope: Construct, tfId: string, doc: Doc) {
    super(scope, \`doc-\${tfId}\`, {
      statement: doc.statements.map((s) => ({
        sid: s.sid,
        effect: s.effect,
        actions: s.actions,
        resources: s.resources,
        principals: s.principals,
        condition: s.conditions,
      })),
    });
    this.overrideLogicalId(tfId);
  }
}

class AccountStack extends TerraformStack {
  constructor(scope: Construct) {
    super(scope, account.name);
    new LocalBackend(this, { path: \`../../../terraform.\${account.name}.tfstate\` });
    const deployRole: string | undefined = (account as { deployRole?: string }).deployRole;
    new provider.AwsProvider(this, "aws", {
      region: account.region,
      allowedAccountIds: [account.id],
      assumeRole: deployRole ? [{ roleArn: deployRole }] : undefined,
    });
    // The bindings pin the provider version they were generated from; require the spec's range instead.
    this.addOverride("terraform.required_providers.aws.version", account.awsProviderVersion);
    const tags = new TerraformVariable(this, "tags", {
      type: "map(string)",
      default: {},
      description: "Tags added to every role (over the tags the spec gives), OIDC provider, Pod Identity association and IAM user.",
    });
    const providers = new Map<string, iamOpenidConnectProvider.IamOpenidConnectProvider>();
    for (const p of account.oidcProviders) {
      if (p.mode !== "create") continue;
      const r = new iamOpenidConnectProvider.IamOpenidConnectProvider(this, \`oidc-\${p.tfId}\`, {
        url: p.url,
        clientIdList: p.clientIds,
        thumbprintList: p.thumbprints.length > 0 ? p.thumbprints : undefined,
        tags: Token.asStringMap(Fn.merge([{}, Token.asStringMap(tags.value)])),
      });
      r.overrideLogicalId(p.tfId);
      providers.set(p.tfId, r);
    }
    const roles = new Map<string, iamRole.IamRole>();
    const pending = [...account.roles];
    while (pending.length > 0) {
      const i = pending.findIndex((r) => r.dependsOnRoles.every((d: string) => roles.has(d)));
      const role = pending.splice(i, 1)[0];
      const scope = new Construct(this, \`role-\${role.tfId}\`);
      const trust = new Policy(scope, role.trustTfId, role.trustPolicy);
      const dependsOn: ITerraformDependable[] = [
        ...role.dependsOnProviders.map((id: string) => providers.get(id)!),
        ...role.dependsOnRoles.map((id: string) => roles.get(id)!),
      ];
      const r = new iamRole.IamRole(scope, \`iam-role-\${role.tfId}\`, {
        name: role.name,
        path: role.path === "/" ? undefined : role.path,
        description: (role as { description?: string }).description,
        maxSessionDuration: (role as { maxSessionDuration?: number }).maxSessionDuration,
        permissionsBoundary: (role as { permissionsBoundary?: string }).permissionsBoundary,
        assumeRolePolicy: trust.json,
        tags: Token.asStringMap(Fn.merge([role.tags, Token.asStringMap(tags.value)])),
        dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
      });
      r.overrideLogicalId(role.tfId);
      roles.set(role.tfId, r);
      for (const p of role.managedPolicyArns) {
        new iamRolePolicyAttachment.IamRolePolicyAttachment(scope, \`attach-\${p.tfId}\`, { role: r.name, policyArn: p.arn }).overrideLogicalId(p.tfId);
      }
      for (const p of role.inlinePolicies) {
        const doc = new Policy(scope, p.tfId, p.document);
        new iamRolePolicy.IamRolePolicy(scope, \`inline-\${p.tfId}\`, { name: p.name, role: r.name, policy: doc.json }).overrideLogicalId(p.tfId);
      }
    }
    new TerraformOutput(this, "role_arns", {
      description: "ARN of each role, by role name.",
      value: Object.fromEntries(account.roles.map((r) => [r.name, roles.get(r.tfId)!.arn])),
    });
    new TerraformOutput(this, "role_names", {
      description: "Name of each role, by role name (a reference, so that a root using it waits for the role).",
      value: Object.fromEntries(account.roles.map((r) => [r.name, roles.get(r.tfId)!.name])),
    });
    new TerraformOutput(this, "oidc_provider_arns", {
      description: "ARN of each OIDC provider the roles trust, by issuer name (a reference to the resource where this module creates it).",
      value: Object.fromEntries(account.oidcProviders.map((p) => [p.issuer, providers.get(p.tfId)?.arn ?? p.arn])),
    });
  }
}

const app = new App();
new AccountStack(app);
app.synth();
`;

/** Writes the stock app for one account (no cross-account grants or dependencies) into `dir`. */
export function writeStockApp(dir: string, account: AccountModel, nodeModules: string): void {
  if (account.grants.length > 0 || account.dependsOn.length > 0) throw new Error('the stock app covers a single account without grants');
  mkdirSync(dir, { recursive: true });
  symlinkSync(nodeModules, join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'main.ts'), MAIN(account));
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(TEMPLATE_TSCONFIG, null, 2)}\n`);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'stock-cdktf-app', version: '1.0.0', private: true, main: 'main.js' }, null, 2)}\n`);
  writeFileSync(
    join(dir, 'cdktf.json'),
    `${JSON.stringify({ language: 'typescript', app: 'npx ts-node main.ts', projectId: '00000000-0000-4000-8000-000000000000', sendCrashReports: 'false', terraformProviders: [], terraformModules: [], context: {} }, null, 2)}\n`,
  );
}
