import { runService } from '@econtract/server-kit';
import { loadGatewayEnv, startGateway, subgraphUrlsFrom } from './index.ts';

await runService('gateway', async (log) => {
  const env = loadGatewayEnv();
  return startGateway({ env, port: env.PORT, subgraphUrls: subgraphUrlsFrom(env), log });
});
