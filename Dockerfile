# syntax=docker/dockerfile:1
# Warden's runtime image. Build the jar first, then the image:
#   ./mvnw -B -DskipTests package && docker build -t warden .
# It runs bin/warden (the same launcher as everywhere else) as an unprivileged user, and reports
# readiness through /health. Configuration: WARDEN_* variables (README); JVM overrides:
# WARDEN_JAVA_OPTS.
FROM eclipse-temurin:25-jre

# A system user without a shell or home of its own: Warden needs no privilege.
RUN groupadd --system --gid 10001 warden \
 && useradd --system --uid 10001 --gid warden --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin warden

WORKDIR /opt/warden
# Dependencies first: they change less often than Warden itself, so their layer is reused.
# (.dockerignore leaves out the embedded-PostgreSQL binaries of other platforms.)
COPY bootstrap/target/lib/ lib/
COPY bootstrap/target/warden.jar warden.jar
COPY bin/warden bin/warden

# The class-data archive for this image's JDK, written by a training run on a scratch embedded
# PostgreSQL (deleted afterwards). Warden starts without it if the run fails, only slower.
RUN chmod 0755 bin/warden \
 && (bin/warden --train || echo "warden: no class-data archive in this image; it starts without one") \
 && rm -rf training training.log

USER warden:warden
ENV WARDEN_PORT=8080
EXPOSE 8080

# Readiness, not liveness: /health answers 503 while the database is down (and while an instance
# drains). bash's /dev/tcp needs no curl in the image.
HEALTHCHECK --interval=5s --timeout=3s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${WARDEN_PORT:-8080} && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# The launcher execs java: SIGTERM goes straight to the JVM, whose shutdown hook stops Warden.
# Give it time: `docker stop -t 30`, or stop_grace_period in compose.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/warden/bin/warden"]
