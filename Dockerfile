# Build: docker build -t atlassian-mcp-gateway .
# Run:   docker run --rm -p 127.0.0.1:9000:9000 -e JIRA_URL=... -e JIRA_USERNAME=... -e JIRA_API_TOKEN=... atlassian-mcp-gateway
# Node 24 is the active LTS line; scripts/docker-base-image.sh builds a stand-in for this base where no registry is reachable.

FROM node:24-bookworm-slim AS build
WORKDIR /app
# The sandbox is a workspace package the build bundles for --demo: npm ci needs its manifest, the build its source.
COPY package.json package-lock.json ./
COPY sandbox/package.json ./sandbox/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.ts scripts/dependency-edits.ts scripts/young-generation.ts ./scripts/
COPY src ./src
COPY sandbox ./sandbox
RUN npm run build

FROM node:24-bookworm-slim
# Settings from the environment beat an instances.yaml (flag > environment > file > default), so the container listens
# on every interface whatever the file says; OAuth tokens go where a volume can keep them (the root may be read-only).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=9000 \
    OAUTH_TOKEN_DIR=/data/oauth
WORKDIR /app
# The bundle carries every dependency (test/e2e/bundle.test.ts runs it with no node_modules), so none is copied.
COPY --from=build /app/dist ./dist
COPY package.json instances.example.yaml ./
RUN install -d -o node -g node -m 0700 /data/oauth
USER node
EXPOSE 9000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.MCP_PORT || process.env.PORT}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "dist/main.js"]
