// Lets plain `node` run the workspace's TypeScript: SWC emits the decorator metadata that
// type-graphql and MikroORM read, which Node's own type stripping cannot.
import { exitUnlessSupportedNode } from './node-version.mjs';

exitUnlessSupportedNode();
// Imported only after the check: Node.js too old to have `register` would fail here with a cryptic error.
const { register } = await import('node:module');
register('./ts-hooks.mjs', import.meta.url);
