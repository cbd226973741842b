# Builds and runs Formidling (used by docker-compose.yml; the quick start in README.md needs no Docker).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY bpmn bpmn
COPY src src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/formidling-*.jar /app/formidling.jar
COPY jobs /app/jobs
ENV FORMIDLING_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/formidling.jar"]
