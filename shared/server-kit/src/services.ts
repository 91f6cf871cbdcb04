import { z } from 'zod';

/**
 * The one list of services: each subgraph's name, default port (`pnpm dev`), the setting that says
 * where it listens, and what it owns. Settings, `pnpm dev`, the gateway's routing, composition and
 * the test stack all derive from it.
 */
export const services = [
  { name: 'identity', port: 4001, urlVariable: 'IDENTITY_URL', description: 'accounts, credentials, signup, verification, sessions, recovery' },
  {
    name: 'organization',
    port: 4002,
    urlVariable: 'ORGANIZATION_URL',
    description: 'companies, settings, departments, ranks, staff profiles, permissions, audit log',
  },
  { name: 'documents', port: 4003, urlVariable: 'DOCUMENTS_URL', description: 'categories, templates, contracts, seals, certificates' },
  { name: 'billing', port: 4004, urlVariable: 'BILLING_URL', description: 'plan catalogue, prepaid lots, usage ledger, card payments, receipts' },
] as const;

export type Service = (typeof services)[number];
export type ServiceName = Service['name'];
export type ServiceUrls = Record<ServiceName, string>;
type ServiceUrlSettings = Record<Service['urlVariable'], string>;

export const serviceNames: readonly ServiceName[] = services.map((service) => service.name);

export const serviceNamed = (name: ServiceName): Service => services.find((service) => service.name === name)!;

/** Where a service listens on this machine by default. */
export const localServiceUrl = (service: Pick<Service, 'port'>): string => `http://127.0.0.1:${service.port}`;

/** The `*_URL` settings (zod fields of the common env), each defaulting to the service's local port. */
export const serviceUrlSettingsSchema = Object.fromEntries(
  services.map((service) => [service.urlVariable, z.url().default(localServiceUrl(service))]),
) as Record<Service['urlVariable'], z.ZodDefault<z.ZodURL>>;

export const serviceUrlsFrom = (env: ServiceUrlSettings): ServiceUrls =>
  Object.fromEntries(services.map((service) => [service.name, env[service.urlVariable]])) as ServiceUrls;
