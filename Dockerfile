# syntax=docker/dockerfile:1
# Build: docker build -t atlassian-mcp-gateway .
# Run:   docker run --rm -p 127.0.0.1:9000:9000 -e JIRA_URL=... -e JIRA_USERNAME=... -e JIRA_API_TOKEN=... atlassian-mcp-gateway

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.ts ./scripts/
COPY src ./src
RUN npm run build

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=9000
WORKDIR /app
# The bundle carries every dependency (test/e2e/bundle.test.ts runs it with no node_modules), so none is copied.
COPY --from=build /app/dist ./dist
COPY package.json instances.example.yaml ./
USER node
EXPOSE 9000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:9000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "dist/main.js"]
