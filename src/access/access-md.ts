/**
 * `modules/ACCESS.md`: the trust graph and the access matrix of the spec, so
 * reviewers see who can assume what rather than reading policy JSON. The
 * matrix evaluates the same documents the modules contain.
 */
import { generatedNotice } from '../names';
import type { Model } from '../model/types';
import { trustGraph } from './graph';
import { buildMatrix } from './matrix';
import { policySetFromModel } from './policy-set';
import { renderMatrixMarkdown } from './render-matrix';

export function accessMarkdown(model: Model): string {
  const matrix = buildMatrix(model, { ...policySetFromModel(model), source: 'the trust and identity policies of these modules' });
  return [
    '# Access',
    '',
    generatedNotice(model.file, 'markdown'),
    'Check deployed or planned policies with `npm run access` (synthesized stacks, or `--plan` with the JSON of `terraform show -json`).',
    '',
    '## Trust graph',
    '',
    'Who may assume each role: identity issuers (Kubernetes service-account tokens), Google, AWS services and other roles.',
    '',
    '```mermaid',
    trustGraph(model),
    '```',
    '',
    renderMatrixMarkdown(matrix, 2),
  ].join('\n');
}
