# One image for every role: MODE=api, MODE=worker, or MODE=all (the default).
FROM node:20-bookworm-slim
# tini as PID 1: forwards SIGTERM from `docker stop` to the service and reaps children.
RUN apt-get update && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/cli/package.json apps/cli/
COPY apps/dashboard/package.json apps/dashboard/
COPY packages/contracts/package.json packages/contracts/
COPY packages/core/package.json packages/core/
COPY packages/platform/package.json packages/platform/
COPY packages/config/package.json packages/config/
RUN npm ci --no-audit --no-fund
COPY . .
# The dashboard and the server bundle (plain JavaScript run by node: no tsx wrapper between the
# signal and the service).
RUN npm run build
ENV NODE_ENV=production PORT=3000
EXPOSE 3000
USER node
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "apps/cli/dist/start.js"]
