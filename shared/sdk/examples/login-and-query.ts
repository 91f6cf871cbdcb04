// Partner-app example: sign in and run one query that spans all four subgraphs.
// Run against `pnpm dev`:  pnpm sdk:example   (ECONTRACT_URL, ECONTRACT_LOGIN, ECONTRACT_PASSWORD to override)
import { EContractClient, EContractError, OverviewDocument } from '@econtract/sdk';

const url = process.env.ECONTRACT_URL ?? 'http://localhost:4000/graphql';
const client = new EContractClient({ url });

try {
  const session = await client.login(process.env.ECONTRACT_LOGIN ?? 'demo-admin', process.env.ECONTRACT_PASSWORD ?? 'Demo-pass-2026!');
  console.log(`Signed in as ${session.user.name} (${session.user.loginId}); token valid until ${session.expiresAt}`);

  const overview = await client.request(OverviewDocument);
  console.log(`Company: ${overview.viewer?.company?.name ?? '(none)'}`);
  for (const plan of overview.plans)
    console.log(`Plan ${plan.code}: ${plan.contractCount} contracts, ${plan.priceKrw.toLocaleString('ko-KR')}원, ${plan.validityMonths} months`);
  console.log(`Document categories: ${overview.documentCategories.length}`);
} catch (error) {
  // A person runs this by hand: one line saying what to do, not a stack trace.
  if (error instanceof EContractError) console.error(`The gateway refused: ${error.message} (${error.code})`);
  else if (error instanceof TypeError && error.message === 'fetch failed') {
    console.error(`Cannot reach the gateway at ${url} — start \`pnpm dev\` first. / 게이트웨이(${url})에 연결할 수 없습니다. 먼저 \`pnpm dev\`를 실행하세요.`);
  } else throw error;
  process.exitCode = 1;
}
