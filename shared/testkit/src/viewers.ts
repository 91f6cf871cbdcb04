import { DemoIds } from '@econtract/demo';
import { Grade, NO_PERMISSIONS, type Viewer } from '@econtract/server-kit';

/** Viewers as the gateway would resolve them, for calling a subgraph directly in tests. */
export const memberViewer = (userId: string, companyId: string, grade: Grade = Grade.STAFF, loginId = 'test-user'): Viewer => ({
  userId,
  loginId,
  role: 'MEMBER',
  sessionId: null,
  member: { companyId, grade, active: true, departmentId: null, departmentScope: [], permissions: NO_PERMISSIONS },
});

export const demoAdminViewer = (): Viewer => memberViewer(DemoIds.totalAdmin, DemoIds.company, Grade.TOTAL_ADMIN, 'demo-admin');
