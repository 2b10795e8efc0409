# racecraft library server image: `racecraft serve` on port 8787.
# Used by docker-compose.yml (server + PostgreSQL); also runs alone with SQLite in /data:
#   docker build -t racecraft .
#   docker run -p 8787:8787 -v racecraft-data:/data racecraft
#   docker run --rm -v racecraft-data:/data racecraft serve token create --scope write --name you

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary when one matches; these build it when none does.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# `prepare` builds the sources, which are not copied yet: skip scripts here, build below.
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY bin ./bin
COPY man ./man
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    RACECRAFT_LIBRARY_DB=/data/library-server.db
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/man ./man
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:8787/v1/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
ENTRYPOINT ["node", "bin/racecraft.js"]
# Listen on every interface inside the container; publish the port to choose who can reach it.
CMD ["serve", "--host", "0.0.0.0", "--port", "8787"]
