package io.warden.adapter.driving.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.application.port.driving.CacheFlushUseCase;
import io.warden.application.port.driving.CacheWarmingUseCase;
import io.warden.application.port.driving.Caller;
import io.warden.domain.model.Ids;
import io.warden.domain.model.tenant.TenantId;
import java.util.UUID;

/** Operating the permission caches: warming a tenant as a job, its progress, flushing a tenant. */
final class PerformanceEndpoints implements WardenService {
  private final CacheWarmingUseCase warming;
  private final CacheFlushUseCase flush;
  private final BearerAuthentication bearer;

  PerformanceEndpoints(
      CacheWarmingUseCase warming, CacheFlushUseCase flush, BearerAuthentication bearer) {
    this.warming = warming;
    this.flush = flush;
    this.bearer = bearer;
  }

  @Override
  public void routes(Routes routes) {
    routes
        .post("/api/performance/cache/warm/{tenantId}", this::warm)
        .get("/api/performance/cache/jobs/{jobId}", this::job)
        .delete("/api/performance/cache/tenant/{tenantId}", this::flush);
  }

  /** 202: the job runs on after the answer; its id is where to follow it. */
  private void warm(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    TenantId tenantId = RequestParams.pathId(req, "tenantId", TenantId::parse);
    UUID jobId = warming.warm(caller, tenantId);
    Responses.json(
        res, Status.ACCEPTED_202, JsonCodec.object().add("jobId", jobId.toString()).build());
  }

  /** Progress changes from one poll to the next: no cache may answer for the service. */
  private void job(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    UUID jobId = RequestParams.pathId(req, "jobId", Ids::parse);
    CacheWarmingUseCase.WarmJob job = warming.job(caller, jobId);
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    Responses.ok(res, JsonViews.warmJob(job));
  }

  private void flush(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    flush.flushTenant(caller, RequestParams.pathId(req, "tenantId", TenantId::parse));
    Responses.noContent(res);
  }
}
