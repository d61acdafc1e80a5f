import { slaBench } from './sla.bench.js';
for (const r of await slaBench.run()) console.log(r.name, r.note, r.opsPerSecond.toFixed(0));
