// Lets plain `node` run the workspace's TypeScript: SWC emits the decorator metadata that
// type-graphql and MikroORM read, which Node's own type stripping cannot.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
