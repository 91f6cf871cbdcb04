export * from './client.ts';
export * from './generated.ts';
