# Runtime image for Warden. Build the jar first: ./mvnw -B -DskipTests package
FROM eclipse-temurin:21-jre
WORKDIR /opt/warden
COPY bootstrap/target/lib/ lib/
COPY bootstrap/target/warden.jar warden.jar
EXPOSE 8080
ENTRYPOINT ["java", "-XX:+UseZGC", "-jar", "warden.jar"]
