#!/usr/bin/env node
/**
 * scripts/smoke-user-apps.sh's check: the stacks a user's app synthesized (AccountStack, plus one
 * aws_ssm_parameter of its own in one account) against the direct renderer's, file by file.
 * Every stack is byte-identical, except that the app's stack also holds its resource: that stack
 * is compared with the resource's lines cut out (stacks are written with sorted keys, so the
 * resource is the last entry of `resource`), and the resource must hold the role's ARN reference.
 * Each engine stamps its own version in `"//".metadata.version` (the direct renderer writes cdktf's,
 * 0.21.0): the app's stamp must be ENGINE_VERSION, and is read as the direct renderer's. cdktn
 * writes its files with another serializer than cdktf (safe-stable-stringify: an empty [] or {} on
 * one line, where cdktf and the direct renderer split it over two): for ENGINE cdktn, empty
 * containers are compared in cdktn's form; every other byte is compared as it is.
 * Usage: compare-user-stacks.cjs APP_STACKS DIRECT_STACKS ACCOUNT ROLE ENGINE ENGINE_VERSION
 */
'use strict';
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const [appDir, directDir, account, role, engine, engineVersion] = process.argv.slice(2);
const compactEmpties = engine === 'cdktn' ? (text) => text.replace(/([[{])\n *([\]}])/g, '$1$2') : (text) => text;
const problems = [];
const names = (dir) => readdirSync(dir).sort();
if (names(appDir).join() !== names(directDir).join()) problems.push(`stacks ${names(appDir)} vs ${names(directDir)}`);

for (const name of names(directDir)) {
  const direct = compactEmpties(readFileSync(join(directDir, name, 'cdk.tf.json'), 'utf8'));
  let mine = readFileSync(join(appDir, name, 'cdk.tf.json'), 'utf8');
  const appStamp = JSON.parse(mine)['//']?.metadata?.version;
  const directStamp = JSON.parse(direct)['//'].metadata.version;
  if (appStamp !== engineVersion) problems.push(`${name}: the app's stack is stamped ${appStamp}, not the engine's ${engineVersion}`);
  // The first such line is the metadata's: "//" sorts first, and its keys sit at this depth.
  else mine = mine.replace(`\n      "version": ${JSON.stringify(appStamp)}\n`, `\n      "version": ${JSON.stringify(directStamp)}\n`);
  if (name === account) {
    const json = JSON.parse(mine);
    const roleId = Object.entries(JSON.parse(direct).resource.aws_iam_role).find(([, r]) => r.name.endsWith(role))?.[0];
    const value = json.resource?.aws_ssm_parameter?.user_param?.value;
    if (!roleId || value !== `\${aws_iam_role.${roleId}.arn}`)
      problems.push(`${name}: the app's parameter holds ${value}, not the ARN of role ${role} (${roleId})`);
    const start = mine.indexOf(',\n    "aws_ssm_parameter": {');
    const end = mine.indexOf('\n    }', start + 1);
    if (start < 0 || end < 0) problems.push(`${name}: no aws_ssm_parameter block at the end of resource`);
    else mine = mine.slice(0, start) + mine.slice(end + '\n    }'.length);
  }
  if (mine !== direct) {
    const a = mine.split('\n');
    const b = direct.split('\n');
    const line = a.findIndex((l, i) => l !== b[i]);
    problems.push(`${name}/cdk.tf.json differs from line ${line + 1}: app ${JSON.stringify(a[line])}, direct ${JSON.stringify(b[line])}`);
  }
}
if (problems.length > 0) {
  for (const p of problems) process.stderr.write(`compare-user-stacks: ${p}\n`);
  process.exit(1);
}
process.stderr.write(`compare-user-stacks: ${names(directDir).length} stacks equal, ${account} apart from the app's aws_ssm_parameter\n`);
