import { internalKeyEnvFile } from '@econtract/server-kit';

// `pnpm internal-keys`: fresh Ed25519 keys for every service, as `.env` lines for docker-compose.yml.
process.stdout.write(`${internalKeyEnvFile()}\n`);
