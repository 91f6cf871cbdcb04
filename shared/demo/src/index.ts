/**
 * Fixed ids of the demo data set, so each subgraph seeds its own part and the parts line up.
 * Logins and the password are listed in the README.
 */
export const DemoIds = {
  company: '00000000-0000-4000-8000-00000000c001',
  personalWorkspace: '00000000-0000-4000-8000-00000000c002',
  totalAdmin: '00000000-0000-4000-8000-00000000a001',
  departmentManager: '00000000-0000-4000-8000-00000000a002',
  staff: '00000000-0000-4000-8000-00000000a003',
  individual: '00000000-0000-4000-8000-00000000a004',
  operator: '00000000-0000-4000-8000-00000000a005',
  /** A second corporate member that sends the demo company a contract (its received box). */
  partnerCompany: '00000000-0000-4000-8000-00000000c003',
  partnerAdmin: '00000000-0000-4000-8000-00000000a006',
} as const;

export const DEMO_PASSWORD = 'Demo-pass-2026!';

export const DemoAccounts = [
  { id: DemoIds.totalAdmin, loginId: 'demo-admin', name: '김총괄', email: 'admin@demo-company.example', companyId: DemoIds.company, operator: false },
  {
    id: DemoIds.departmentManager,
    loginId: 'demo-manager',
    name: '이부서',
    email: 'manager@demo-company.example',
    companyId: DemoIds.company,
    operator: false,
  },
  { id: DemoIds.staff, loginId: 'demo-staff', name: '박담당', email: 'staff@demo-company.example', companyId: DemoIds.company, operator: false },
  {
    id: DemoIds.individual,
    loginId: 'demo-individual',
    name: '최개인',
    email: 'individual@demo.example',
    companyId: DemoIds.personalWorkspace,
    operator: false,
  },
  { id: DemoIds.operator, loginId: 'operator', name: '고객센터', email: 'support@econtract.example', companyId: null, operator: true },
  {
    id: DemoIds.partnerAdmin,
    loginId: 'partner-admin',
    name: '정파트',
    email: 'admin@partner-company.example',
    companyId: DemoIds.partnerCompany,
    operator: false,
  },
] as const;

/** The documents demo set (issue #10): the demo company's categories, templates and contracts, and the partner's contract. */
export const DemoDocuments = {
  categories: {
    services: '00000000-0000-4000-8000-0000000f0001',
    purchases: '00000000-0000-4000-8000-0000000f0002',
    employment: '00000000-0000-4000-8000-0000000f0003',
  },
  templates: {
    services: '00000000-0000-4000-8000-0000000f0101',
    purchase: '00000000-0000-4000-8000-0000000f0102',
    employment: '00000000-0000-4000-8000-0000000f0103',
  },
  contracts: {
    draft: '00000000-0000-4000-8000-0000000f0201',
    awaitingApproval: '00000000-0000-4000-8000-0000000f0202',
    approved: '00000000-0000-4000-8000-0000000f0203',
    sent: '00000000-0000-4000-8000-0000000f0204',
    completed: '00000000-0000-4000-8000-0000000f0205',
    cancelled: '00000000-0000-4000-8000-0000000f0206',
    discarded: '00000000-0000-4000-8000-0000000f0207',
    /** Sent by the partner company to demo-staff: in the demo company's received box. */
    fromPartner: '00000000-0000-4000-8000-0000000f0208',
  },
} as const;
