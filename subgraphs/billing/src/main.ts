import { runSubgraph } from '@econtract/server-kit';
import { billingSettings } from './billing.env.ts';
import { billing } from './index.ts';

// Fail at start-up, not at the first payment, when the payment settings are wrong.
billingSettings();
await runSubgraph(billing);
