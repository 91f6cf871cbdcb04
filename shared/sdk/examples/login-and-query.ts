// Partner-app example: sign in and run one query that spans all four subgraphs.
// Run against `pnpm dev`:  pnpm sdk:example   (ECONTRACT_URL, ECONTRACT_LOGIN, ECONTRACT_PASSWORD to override)
import { EContractClient, OverviewDocument } from '@econtract/sdk';

const client = new EContractClient({ url: process.env.ECONTRACT_URL ?? 'http://localhost:4000/graphql' });
const session = await client.login(process.env.ECONTRACT_LOGIN ?? 'demo-admin', process.env.ECONTRACT_PASSWORD ?? 'Demo-pass-2026!');
console.log(`Signed in as ${session.user.name} (${session.user.loginId}); token valid until ${session.expiresAt}`);

const overview = await client.request(OverviewDocument);
console.log(`Company: ${overview.viewer?.company?.name ?? '(none)'}`);
for (const plan of overview.plans) console.log(`Plan ${plan.code}: ${plan.contractCount} contracts, ${plan.priceKrw.toLocaleString('ko-KR')}원, ${plan.validityMonths} months`);
console.log(`Document categories: ${overview.documentCategories.length}`);
