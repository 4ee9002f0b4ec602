import { runExplain } from './src/access/explain';
import { loadSpecFile } from './src/spec/load';
const loaded = loadSpecFile('examples/presets/spec.yaml');
const tok2 = JSON.stringify({ iss: 'https://gitlab.com', sub: 'project_path:platform/deploy:ref_type:branch:ref:feature', aud: 'https://gitlab.com', project_id: '45821937' });
console.log(JSON.stringify(runExplain({ spec: loaded, token: tok2, role: 'gitlab-deploy' }).report.roles[0].fix));
