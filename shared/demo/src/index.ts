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
} as const;

export const DEMO_PASSWORD = 'Demo-pass-2026!';

export const DemoAccounts = [
  { id: DemoIds.totalAdmin, loginId: 'demo-admin', name: '김총괄', email: 'admin@demo-company.example', companyId: DemoIds.company, operator: false },
  { id: DemoIds.departmentManager, loginId: 'demo-manager', name: '이부서', email: 'manager@demo-company.example', companyId: DemoIds.company, operator: false },
  { id: DemoIds.staff, loginId: 'demo-staff', name: '박담당', email: 'staff@demo-company.example', companyId: DemoIds.company, operator: false },
  { id: DemoIds.individual, loginId: 'demo-individual', name: '최개인', email: 'individual@demo.example', companyId: DemoIds.personalWorkspace, operator: false },
  { id: DemoIds.operator, loginId: 'operator', name: '고객센터', email: 'support@econtract.example', companyId: null, operator: true },
] as const;
