# One image for the API and the workers (docker-compose.yml picks the command).
FROM node:20-bookworm-slim

# better-sqlite3 compiles from source.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
RUN mkdir -p /data && chown node:node /data

USER node
ENV NODE_ENV=production \
    TOURNEE_DATA_DIR=/data \
    TOURNEE_HOST=0.0.0.0 \
    TOURNEE_PORT=3000
EXPOSE 3000
ENTRYPOINT ["node", "src/cli/tournee.mjs"]
CMD ["serve"]
