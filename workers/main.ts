/** `npm run start:workers`: the BullMQ workers only (scale out by running more of these). */
import { runProcess } from '../server/bootstrap/run.js';
import { startWorkers } from './run-workers.js';

await runProcess('workers', async (ctx) => {
  const workers = await startWorkers(ctx);
  ctx.log.info('workers running');
  return [workers];
});
