# syntax=docker/dockerfile:1
# One image for the gateway and the four subgraphs; docker-compose.yml picks the service per container.
# `build` checks the source with every dependency; `runtime` holds production dependencies only.

FROM node:24-bookworm-slim AS base
# pnpm at the version package.json pins; corepack's bundled signing keys lag behind npm's.
ENV COREPACK_INTEGRITY_KEYS=0 CI=true
RUN corepack enable
WORKDIR /app

FROM base AS build
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm install --frozen-lockfile --store-dir /pnpm/store
# Type errors stop the image; the supergraph the gateway loads is composed from this very source.
RUN pnpm typecheck && pnpm compose

FROM base AS runtime
# Manifests first, so a source change does not reinstall dependencies.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY .patches .patches
COPY gateway/package.json gateway/
COPY shared/server-kit/package.json shared/server-kit/
COPY shared/demo/package.json shared/demo/
COPY shared/testkit/package.json shared/testkit/
COPY shared/sdk/package.json shared/sdk/
COPY shared/devtools/package.json shared/devtools/
COPY subgraphs/identity/package.json subgraphs/identity/
COPY subgraphs/organization/package.json subgraphs/organization/
COPY subgraphs/documents/package.json subgraphs/documents/
COPY subgraphs/billing/package.json subgraphs/billing/
# Each service and what it depends on (server-kit), without devDependencies: no test kit, vitest or TypeScript.
# Named one by one: the gateway depends on no subgraph at run time (it reads the composed supergraph).
# @swc/core stays: it is a dependency of server-kit, whose register hook runs the TypeScript sources.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm install --prod --frozen-lockfile --store-dir /pnpm/store --filter-prod '@econtract/gateway...' --filter-prod '@econtract/identity...' --filter-prod '@econtract/organization...' --filter-prod '@econtract/documents...' --filter-prod '@econtract/billing...'
COPY shared/server-kit shared/server-kit
COPY shared/demo shared/demo
COPY subgraphs subgraphs
COPY gateway gateway
COPY --from=build /app/gateway/supergraph.graphql /app/gateway/api-schema.graphql gateway/
ENV NODE_ENV=production HOST=0.0.0.0
USER node
# Each service runs from its own package folder, where its dependencies are linked (see docker-compose.yml).
WORKDIR /app/gateway
EXPOSE 4000
CMD ["node", "--import", "@econtract/server-kit/register", "src/main.ts"]
