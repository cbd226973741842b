# Builds and runs Formidling (used by docker-compose.yml; the quick start in README.md needs no Docker).
FROM node:20-bookworm-slim AS node

FROM maven:3.9-eclipse-temurin-17 AS build
# The build runs npm in tooling/ (the send page's tus-js-client and spark-md5 are served from the jar).
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
WORKDIR /src
COPY pom.xml .
COPY tooling/package.json tooling/package-lock.json tooling/
COPY bpmn bpmn
COPY src src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# curl only for the health check below; the server runs as an unprivileged user that owns nothing but /data.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 formidling \
 && useradd --system --uid 10001 --gid formidling --home-dir /app --no-create-home --shell /usr/sbin/nologin formidling \
 && mkdir -p /data \
 && chown formidling:formidling /data
WORKDIR /app
COPY --from=build /src/target/formidling-*.jar /app/formidling.jar
COPY jobs /app/jobs
ENV FORMIDLING_DATA_DIR=/data
# Declared after the chown, so a new volume mounted here starts out owned by the server's user.
VOLUME /data
USER 10001:10001
EXPOSE 8080
# /health answers 200 once the server is up and its database answers (as upstream's); start-up takes a minute or two.
HEALTHCHECK --interval=30s --timeout=5s --start-period=180s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT:-8080}/health" || exit 1
ENTRYPOINT ["java", "-jar", "/app/formidling.jar"]
