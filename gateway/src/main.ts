import { runService, serviceUrlsFrom } from '@econtract/server-kit';
import { loadGatewayEnv, startGateway } from './index.ts';

await runService('gateway', async (log) => {
  const env = loadGatewayEnv();
  return startGateway({ env, port: env.PORT, subgraphUrls: serviceUrlsFrom(env), log });
});
