package io.warden.adapter.driving.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.InvitationUseCase;
import io.warden.application.port.driving.InvitationUseCase.Invite;
import io.warden.application.port.driving.MemberAdministrationUseCase;
import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.user.InvitationId;
import io.warden.domain.model.user.UserId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Members of the caller's tenant: a paged list, inviting by e-mail (or, for a system administrator,
 * adding an existing user by id), removing one.
 */
final class MemberEndpoints implements WardenService {
  private final MemberAdministrationUseCase members;
  private final InvitationUseCase invitations;
  private final BearerAuthentication bearer;

  MemberEndpoints(
      MemberAdministrationUseCase members,
      InvitationUseCase invitations,
      BearerAuthentication bearer) {
    this.members = members;
    this.invitations = invitations;
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
    Optional<String> cursor = PageParams.cursor(req);
    Responses.ok(res, JsonViews.memberPage(members.list(caller, limit, cursor)));
  }

  /**
   * Exactly one of {@code email} (an invitation: 202 whether or not the address has an account) and
   * {@code userId} (system administrators: the member at once, 201).
   */
  private void add(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    JsonBody body = JsonBody.required(req);
    Optional<UserId> userId = body.optionalId("userId", UserId::parse);
    Optional<String> email = body.optionalString("email");
    if (userId.isPresent() == email.isPresent()) {
      throw new InvalidValueException("userId", "give exactly one of userId and email");
    }
    Optional<List<String>> roleIds = body.optionalStrings("roleIds");
    if (userId.isPresent()) {
      InvalidValueException.require(
          roleIds.isEmpty(), "roleIds", "roles are named only in an invitation (email)");
      Responses.created(res, JsonViews.member(members.add(caller, userId.get())));
      return;
    }
    InvitationId id = invitations.invite(caller, new Invite(email.get(), roleIds(roleIds)));
    Responses.json(
        res, Status.ACCEPTED_202, JsonCodec.object().add("invitationId", id.toString()).build());
  }

  private static Set<RoleId> roleIds(Optional<List<String>> texts) {
    Set<RoleId> ids = new LinkedHashSet<>();
    List<String> given = texts.orElse(List.of());
    for (int i = 0; i < given.size(); i++) {
      ids.add(RoleId.parse(given.get(i), "roleIds[" + i + "]"));
    }
    return ids;
  }

  private void remove(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    members.remove(caller, RequestParams.pathId(req, "userId", UserId::parse));
    Responses.noContent(res);
  }
}
