package io.warden.adapter.driving.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.MemberAdministrationUseCase;
import io.warden.application.port.driving.MemberAdministrationUseCase.AddMember;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.user.UserId;
import java.util.Optional;

/** Members of the caller's tenant: a paged list, adding an existing user, removing one. */
final class MemberEndpoints implements WardenService {
  /** Cursors are opaque but short; a longer one cannot be ours. */
  private static final int MAX_CURSOR_LENGTH = 512;

  private final MemberAdministrationUseCase members;
  private final BearerAuthentication bearer;

  MemberEndpoints(MemberAdministrationUseCase members, BearerAuthentication bearer) {
    this.members = members;
    this.bearer = bearer;
  }

  @Override
  public void routes(Routes routes) {
    routes
        .get("/api/members", this::list)
        .post("/api/members", this::add)
        .delete("/api/members/{userId}", this::remove);
  }

  private void list(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    int limit =
        RequestParams.intQuery(
            req,
            "limit",
            1,
            MemberAdministrationUseCase.MAX_PAGE_SIZE,
            MemberAdministrationUseCase.DEFAULT_PAGE_SIZE);
    Optional<String> cursor = RequestParams.query(req, "cursor");
    cursor.ifPresent(
        c ->
            InvalidValueException.require(
                c.length() <= MAX_CURSOR_LENGTH, "cursor", "is not a cursor this service issued"));
    Responses.ok(res, JsonViews.memberPage(members.list(caller, limit, cursor)));
  }

  /** Exactly one of {@code userId} and {@code email} names the user to add. */
  private void add(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    JsonBody body = JsonBody.required(req);
    Optional<UserId> userId = body.optionalId("userId", UserId::parse);
    Optional<String> email = body.optionalString("email");
    if (userId.isPresent() == email.isPresent()) {
      throw new InvalidValueException("userId", "give exactly one of userId and email");
    }
    Responses.created(res, JsonViews.member(members.add(caller, new AddMember(userId, email))));
  }

  private void remove(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    members.remove(caller, RequestParams.pathId(req, "userId", UserId::parse));
    Responses.noContent(res);
  }
}
