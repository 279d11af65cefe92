package io.warden.adapter.driving.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.application.port.driving.Caller;
import io.warden.application.port.driving.InvitationUseCase;
import io.warden.application.port.driving.InvitationUseCase.PendingInvitation;
import io.warden.domain.model.user.InvitationId;
import jakarta.json.JsonObject;

/**
 * The addressee's side of invitations: the caller's pending invitations, accepting one, and
 * declining (or, for a {@code users.manage} holder of its tenant, revoking) one. Inviting is {@code
 * POST /api/members} with an e-mail ({@link MemberEndpoints}).
 */
final class InvitationEndpoints implements WardenService {
  private final InvitationUseCase invitations;
  private final BearerAuthentication bearer;

  InvitationEndpoints(InvitationUseCase invitations, BearerAuthentication bearer) {
    this.invitations = invitations;
    this.bearer = bearer;
  }

  @Override
  public void routes(Routes routes) {
    routes
        .get("/api/auth/invitations", this::pending)
        .post("/api/auth/invitations/{invitationId}/accept", this::accept)
        .delete("/api/auth/invitations/{invitationId}", this::dismiss);
  }

  private void pending(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    Responses.ok(
        res, JsonViews.list(invitations.pending(caller), InvitationEndpoints::pendingInvitation));
  }

  private void accept(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    invitations.accept(caller, RequestParams.pathId(req, "invitationId", InvitationId::parse));
    Responses.noContent(res);
  }

  private void dismiss(ServerRequest req, ServerResponse res) {
    Caller caller = bearer.caller(req);
    invitations.dismiss(caller, RequestParams.pathId(req, "invitationId", InvitationId::parse));
    Responses.noContent(res);
  }

  static JsonObject pendingInvitation(PendingInvitation invitation) {
    return JsonCodec.object()
        .add("id", invitation.id().toString())
        .add("tenant", JsonViews.tenant(invitation.tenant()))
        .add("invitedBy", JsonViews.user(invitation.invitedBy()))
        .add("createdAt", invitation.createdAt().toString())
        .add("expiresAt", invitation.expiresAt().toString())
        .build();
  }
}
