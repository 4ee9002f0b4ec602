import { runExplain } from './src/access/explain';
import { loadSpecFile } from './src/spec/load';
const loaded = loadSpecFile('examples/presets/spec.yaml');
const tok2 = JSON.stringify({ iss: 'https://gitlab.com', sub: 'project_path:platform/deploy:ref_type:branch:ref:feature', aud: 'https://gitlab.com', project_id: '45821937' });
for (let i=0;i<5;i++) runExplain({ spec: loaded, token: tok2, role: 'gitlab-deploy' });
const { Session } = require('node:inspector');
let t=Date.now(); for (let i=0;i<20;i++) runExplain({ spec: loaded, token: tok2, role: 'gitlab-deploy' }); console.log('denied', (Date.now()-t)/20);
