import { loadSpecFile } from './src/spec/load';
import { resolveModel } from './src/model/resolve';
import { policySetFromModel } from './src/access/policy-set';
import { deriveIdentities } from './src/access/identities';
const loaded = loadSpecFile('examples/presets/spec.yaml');
const m = resolveModel(loaded);
let t=Date.now(); for (let i=0;i<20;i++) resolveModel(loaded); console.log('resolve', (Date.now()-t)/20);
t=Date.now(); for (let i=0;i<20;i++) policySetFromModel(m); console.log('policyset', (Date.now()-t)/20);
t=Date.now(); for (let i=0;i<20;i++) deriveIdentities(m); console.log('derive', (Date.now()-t)/20);
