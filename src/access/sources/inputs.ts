/**
 * What the access command reads: a spec (for identities and expectations) and
 * policies from synthesized stacks, a plan's JSON, or the spec itself.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { loadSpecOrExample } from '../../examples/spec-or-example';
import { resolveModel } from '../../model/resolve';
import type { Model } from '../../model/types';
import { cliProblems, UserError } from '../../errors';
import { isPlanJson, readPlan } from './plan-reader';
import { policySetFromModel, type PolicySet } from '../evaluate/policy-set';
import { readSynthStacks, stacksDir } from './synth-reader';

/** The spec named by `file`, else the embedded default example; throws SpecError. */
export function loadModel(file?: string): Model {
  return resolveModel(loadSpecOrExample(file));
}

/** Reads a plan JSON file (`terraform show -json`), accounts matched through the spec. */
export function readPlanFile(file: string, model: Model): PolicySet {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError(cliProblems.planNotJson(file, (e as Error).message));
  }
  if (!isPlanJson(json)) throw new UserError(cliProblems.planWithoutChanges(file));
  try {
    return readPlan(json, model, file);
  } catch (e) {
    throw new UserError(cliProblems.unreadableInput(file, (e as Error).message));
  }
}

/** Reads synthesized stacks from a cdktf outdir. */
export function readSynthDir(dir: string): PolicySet {
  if (!existsSync(stacksDir(dir))) throw new UserError(cliProblems.noStacks(dir));
  try {
    return readSynthStacks(dir);
  } catch (e) {
    throw new UserError(cliProblems.unreadableInput(dir, (e as Error).message));
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
  if (!existsSync(arg)) throw new UserError(cliProblems.noSuchPath(arg));
  if (statSync(arg).isDirectory()) return { model: shared(), policies: readSynthDir(arg) };
  if (/\.ya?ml$/i.test(arg)) {
    const model = loadModel(arg);
    return { model, policies: { ...policySetFromModel(model), source: arg } };
  }
  const model = shared();
  return { model, policies: readPlanFile(arg, model) };
}
