import { runExplain } from './src/access/explain';
import { loadSpecFile } from './src/spec/load';
const spec = 'examples/presets/spec.yaml';
let t=Date.now(); const loaded = loadSpecFile(spec); console.log('load', Date.now()-t);
const tok = JSON.stringify({ iss: 'https://gitlab.com', sub: 'project_path:platform/deploy:ref_type:branch:ref:main', aud: 'https://gitlab.com', project_id: '45821937' });
for (let i=0;i<3;i++){ t=Date.now(); runExplain({ spec: loaded, token: tok }); console.log('explain allowed (loaded)', Date.now()-t); }
const tok2 = JSON.stringify({ iss: 'https://gitlab.com', sub: 'project_path:platform/deploy:ref_type:branch:ref:feature', aud: 'https://gitlab.com', project_id: '45821937' });
for (let i=0;i<3;i++){ t=Date.now(); runExplain({ spec: loaded, token: tok2 }); console.log('explain denied (loaded)', Date.now()-t); }
