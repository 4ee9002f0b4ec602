/**
 * What the access command reads: a spec (for identities and expectations) and
 * policies from synthesized stacks, a plan's JSON, or the spec itself.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { loadSpecOrExample } from '../../examples/spec-or-example';
import { resolveModel } from '../../model/resolve';
import type { Model } from '../../model/types';
import { UserError as InputError } from '../../errors';
import { isPlanJson, readPlan } from './plan-reader';
import { policySetFromModel, type PolicySet } from '../evaluate/policy-set';
import { readSynthStacks, stacksDir } from './synth-reader';

/** The spec named by `file`, else the embedded default example; throws SpecError. */
export function loadModel(file?: string): Model {
  return resolveModel(loadSpecOrExample(file));
}

/** A bad plan, stacks folder or diff side: the one user error (`src/errors/`), under its old name here. */
export { UserError as InputError } from '../../errors';

/** Reads a plan JSON file (`terraform show -json`), accounts matched through the spec. */
export function readPlanFile(file: string, model: Model): PolicySet {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`${file}: cannot read it as JSON (${(e as Error).message}); give the output of \`terraform show -json <planfile>\``);
  }
  if (!isPlanJson(json))
    throw new InputError(`${file}: has no resource_changes; give the output of \`terraform show -json <planfile>\`, not the plan file itself`);
  try {
    return readPlan(json, model, file);
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}`);
  }
}

/** Reads synthesized stacks from a cdktf outdir. */
export function readSynthDir(dir: string): PolicySet {
  if (!existsSync(stacksDir(dir)))
    throw new InputError(`${dir}: no synthesized stacks here; run \`cross-account-iam synth\` first, or pass --plan <terraform show -json output>`);
  try {
    return readSynthStacks(dir);
  } catch (e) {
    throw new InputError(`${dir}: ${(e as Error).message}`);
  }
}

export interface Side {
  readonly model: Model;
  readonly policies: PolicySet;
}

/**
 * One side of a diff: a spec file (`.yaml`/`.yml`: its own policies and
 * identities), a synth outdir, or a plan JSON file (policies only, read with
 * the shared spec).
 */
export function readSide(arg: string, shared: () => Model): Side {
  if (!existsSync(arg)) throw new InputError(`${arg}: no such file or directory`);
  if (statSync(arg).isDirectory()) return { model: shared(), policies: readSynthDir(arg) };
  if (/\.ya?ml$/i.test(arg)) {
    const model = loadModel(arg);
    return { model, policies: { ...policySetFromModel(model), source: arg } };
  }
  const model = shared();
  return { model, policies: readPlanFile(arg, model) };
}
