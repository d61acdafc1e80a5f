import { projectionsRebuildBench } from './projections-rebuild.bench.js';
console.log(JSON.stringify(await projectionsRebuildBench.run(), null, 2));
