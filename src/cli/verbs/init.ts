/**
 * `cross-account-iam init [DIR] [--engine cdktf|cdktn|terraform]`: a project
 * of your own. Writes a commented spec.yaml, cdktf.json (whose app is this
 * package's CLI; not for `terraform`), package.json scripts and the engine's
 * CLI (merged into an existing package.json), .gitignore and a README, then
 * runs `npm install` so that `npm run synth` works at once. Refuses to
 * overwrite anything unless --force, and `cdktn` on a Node older than 22;
 * writes nothing when it refuses.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { cliProblems, EnvError, envProblems, UsageError, usageProblems, UserError } from '../../errors';
import { usageText, verbArgs } from '../args';
import { writingTo } from '../env-failure';
import { packageInfo } from '../package-info';
import { cdktfJson, DEFAULT_ENGINE, GITIGNORE, projectReadme, projectScripts, type PackagePaths, type ProjectEngine } from '../scaffold/project-files';
import { scaffoldSpec } from '../scaffold/spec-yaml';
import type { CliIO, Verb } from '../verb';

const FLAGS = ['engine', 'no-install', 'force'] as const;

/** Where this package is installed as seen from `dir`, so cdktf.json and the schema line point at it. */
export function packagePaths(dir: string, name: string): PackagePaths {
  const posix = (p: string) => p.split(sep).join('/');
  for (let d = resolve(dir); ; d = dirname(d)) {
    const pkg = join(d, 'node_modules', name);
    if (existsSync(join(pkg, 'package.json'))) {
      const rel = posix(relative(dir, pkg));
      return { cli: `${rel}/dist/cli.js`, schema: `${rel}/dist/spec.schema.json` };
    }
    if (dirname(d) === d) break;
  }
  return { cli: `node_modules/${name}/dist/cli.js`, schema: `node_modules/${name}/dist/spec.schema.json` };
}

/** What a JSON value is, for messages: `null`, `an array`, `a string`. */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An existing package.json init can merge into: an object whose scripts and
 * dependency maps, where present, are objects too. Anything else is refused
 * before a file is written, naming the line and the field.
 */
/** A user's package.json, as far as init reads and adds to it. */
type PackageJsonObject = {
  [field: string]: unknown;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

function checkPackageShape(pkg: unknown, file: string, text: string): asserts pkg is PackageJsonObject {
  if (!isObject(pkg)) {
    throw new UserError(cliProblems.packageJsonNotObject(file, kindOf(pkg)));
  }
  for (const field of ['scripts', 'dependencies', 'devDependencies'] as const) {
    const value = pkg[field];
    if (value === undefined || isObject(value)) continue;
    const at = text.search(new RegExp(`"${field}"\\s*:`));
    const line = at < 0 ? 1 : text.slice(0, at).split('\n').length;
    const example = field === 'scripts' ? '{"build": "tsc"}' : '{"left-pad": "^1.3.0"}';
    throw new UserError(cliProblems.packageJsonFieldNotObject(file, line, field, kindOf(value), example));
  }
}

/** package.json with the project's scripts and dev dependencies added; what is there already stays. */
function mergedPackageJson(file: string, dir: string, engine: ProjectEngine): { text: string; added: string[] } {
  const info = packageInfo();
  let pkg: PackageJsonObject = {};
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    try {
      pkg = JSON.parse(text);
    } catch (e) {
      throw new UserError(cliProblems.packageJsonNotJson(file, (e as Error).message));
    }
    checkPackageShape(pkg, file, text);
  } else {
    pkg = {
      name:
        basename(dir)
          .toLowerCase()
          .replace(/[^a-z0-9._-]+/g, '-') || 'iam',
      private: true,
    };
  }
  const added: string[] = [];
  pkg.scripts ??= {};
  for (const [name, command] of Object.entries(projectScripts(engine))) {
    if (pkg.scripts[name] === undefined) {
      pkg.scripts[name] = command;
      added.push(`scripts.${name}`);
    }
  }
  const has = (dep: string) => [pkg.dependencies, pkg.devDependencies].some((deps) => deps && deps[dep] !== undefined);
  const wanted: [string, string][] = [[info.name, `^${info.version}`]];
  if (engine === 'cdktf') wanted.push(['cdktf-cli', info.cdktfCli]);
  if (engine === 'cdktn') wanted.push(['cdktn-cli', info.cdktnCli]);
  for (const [dep, version] of wanted) {
    if (has(dep)) continue;
    pkg.devDependencies = { ...pkg.devDependencies, [dep]: version };
    added.push(`devDependencies.${dep}`);
  }
  return { text: `${JSON.stringify(pkg, null, 2)}\n`, added };
}

/** CDK Terrain's CLI runs on Node 22 or later: refused before anything is written, with how to get it. */
export function assertNodeForCdktn(version: string): void {
  if (Number(version.split('.')[0]) >= 22) return;
  throw new EnvError(envProblems.nodeTooOldForCdktn(version));
}

/**
 * Every file or none: each is written to a temporary file first, and renamed
 * into place only once all of them are; on a failure (a full disk, a
 * read-only folder) the temporary files, and the folder if init made it, are
 * removed.
 */
function writeAll(dir: string, files: ReadonlyMap<string, string>): void {
  const made = existsSync(dir) ? undefined : mkdirSync(dir, { recursive: true });
  const temps: string[] = [];
  try {
    for (const [name, content] of files) {
      const tmp = join(dir, `${name}.init-tmp`);
      temps.push(tmp);
      writeFileSync(tmp, content);
    }
  } catch (e) {
    for (const tmp of temps) rmSync(tmp, { force: true });
    if (made) rmSync(made, { recursive: true, force: true });
    throw e;
  }
  for (const name of files.keys()) renameSync(join(dir, `${name}.init-tmp`), join(dir, name));
}

export const verb: Verb = {
  name: 'init',
  summary: 'scaffold a project of your own (cdktf, cdktn or plain Terraform): spec.yaml, cdktf.json, package.json scripts, .gitignore, README',
  usage: usageText({
    synopsis: ['init [DIR] [--engine cdktf|cdktn|terraform] [--no-install] [--force]'],
    description: `
Makes DIR (default: the current folder) a cross-account-iam project:
  spec.yaml     a commented example spec, with the JSON Schema for editors
  cdktf.json    \`cdktf synth\`, \`cdktf diff\` and \`cdktf deploy\` (or cdktn's) run this
                package's synth; not written for --engine terraform
  package.json  scripts (synth, check, access; diff and deploy with a CDK CLI) and the
                engine's CLI as a dev dependency, merged into an existing package.json
  .gitignore, README.md (how to synthesize and deploy with that engine)
--engine: cdktf (the default, as init has always made), cdktn (CDK Terrain, cdktf's
maintained fork; needs Node 22 or later) or terraform (no CDK CLI: deploy each
cdktf.out/stacks/<account> with terraform, or call modules/ from a root).
Then runs \`npm install\` (unless --no-install), after which \`npm run synth\`
writes cdktf.out/ and modules/. Existing files are left alone and init stops,
writing nothing, unless --force.`,
    flags: FLAGS,
  }),
  run(argv: readonly string[], io: CliIO): number {
    const args = verbArgs(argv, FLAGS, { usage: verb.usage, stdout: io.stdout });
    if (!args) return 0;
    if (args.positionals.length > 1) throw new UsageError(usageProblems.oneAtATime('folder', args.positionals));
    const dir = resolve(io.cwd, args.positionals[0] ?? '.');
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UserError(cliProblems.initNotAFolder(dir));
    const engine = (args.values.engine ?? DEFAULT_ENGINE) as ProjectEngine;
    if (engine === 'cdktn') assertNodeForCdktn(process.versions.node);
    const info = packageInfo();
    const paths = packagePaths(dir, info.name);
    const pkg = mergedPackageJson(join(dir, 'package.json'), dir, engine);
    const files = new Map<string, string>([
      ['spec.yaml', scaffoldSpec(paths.schema)],
      ...(engine === 'terraform' ? [] : [['cdktf.json', cdktfJson(paths, randomUUID())] as [string, string]]),
      ['.gitignore', GITIGNORE],
      ['README.md', projectReadme(basename(dir), engine)],
    ]);
    const clashes = [...files.keys()].filter((f) => existsSync(join(dir, f)));
    if (clashes.length > 0 && !args.switches.has('force')) {
      throw new UserError(cliProblems.initClashes(dir, clashes));
    }
    files.set('package.json', pkg.text);
    writingTo([dir], () => writeAll(dir, files));
    io.stdout(`init: wrote ${[...files.keys()].join(', ')} in ${dir}${pkg.added.length ? ` (package.json: added ${pkg.added.join(', ')})` : ''}\n`);
    if (!args.switches.has('no-install')) {
      io.stdout('init: npm install\n');
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      const r = spawnSync(npm, ['install', '--no-audit', '--no-fund'], { cwd: dir, env: io.env, encoding: 'utf8' });
      if (r.stdout) io.stdout(r.stdout);
      if (r.stderr) io.stderr(r.stderr);
      if (r.status !== 0) throw new UserError(cliProblems.npmInstallFailed(r.error?.message ?? `exit ${r.status}`, dir));
    }
    const cd = relative(io.cwd, dir);
    io.stdout(`next: ${cd ? `cd ${cd} && ` : ''}npx cross-account-iam check && ${engine === 'cdktf' ? 'npx cdktf synth' : 'npm run synth'}\n`);
    return 0;
  },
};
