import { runExplain } from './src/access/explain';
import { explainText } from './src/access/explain-text';
const spec = 'examples/presets/spec.yaml';
const show = (o: any) => { const t=Date.now(); const r = runExplain({ spec, ...o }); console.log(explainText(r.report), 'exit', r.exitCode, Date.now()-t, 'ms\n-----'); };
show({ token: JSON.stringify({ iss: 'https://gitlab.com', sub: 'project_path:platform/deploy:ref_type:branch:ref:feature-x', aud: 'https://gitlab.com', project_id: '45821937', namespace_id: '1' }) });
show({ token: JSON.stringify({ iss: 'https://gitlab.com', sub: 'project_path:platform/deploy:ref_type:branch:ref:main', aud: 'https://gitlab.com', project_id: '45821937' }) });
show({ token: JSON.stringify({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:octo-org/deploy:pull_request', aud: 'sts.amazonaws.com' }) });
show({ token: JSON.stringify({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:octo-org/deploy-extra:ref:refs/heads/main', aud: 'sts.amazonaws.com' }), role: 'deploy-main' });
show({ token: JSON.stringify({ iss: 'https://gitlab.com', sub: 'project_path:platform/deploy:ref_type:branch:ref:main', project_id: '45821937' }) , role: 'gitlab-deploy'});
