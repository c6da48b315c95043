# syntax=docker/dockerfile:1

# Build stage: full dependencies, compile TypeScript, copy data assets into dist/.
FROM node:24.11.1-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json openapi.yaml ./
COPY src ./src
RUN npm run build

# Production dependencies only, installed in their own stage so the runtime image has no npm cache.
FROM node:24.11.1-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Runtime: Node 24 LTS, non-root, no build tooling.
FROM node:24.11.1-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=8080
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json openapi.yaml ./
USER node
EXPOSE 8080
# Exec form: node is PID 1 and receives SIGTERM itself (npm would swallow it). Use `docker run --init`
# (or Kubernetes, which reaps zombies via the pause container) when child processes matter.
CMD ["node", "dist/main.js"]
