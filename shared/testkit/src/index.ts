export * from './database.ts';
export * from './stack.ts';
export { DemoAccounts, DemoDocuments, DemoIds, DEMO_PASSWORD } from '@econtract/demo';
export * from './viewers.ts';
export * from './identity-flows.ts';
export * from './outcomes.ts';
export * from './ports.ts';
