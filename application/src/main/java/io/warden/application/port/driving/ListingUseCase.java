package io.warden.application.port.driving;

import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.User;
import java.util.List;
import java.util.Optional;

/**
 * Pages of tenants and users (system administrators, with a prefix search) and of the caller's
 * tenant's roles ({@code roles.view}). Every list is ordered by id and walked with the same opaque
 * cursor as the members list: the last id of the previous page.
 */
public interface ListingUseCase {

  int DEFAULT_PAGE_SIZE = MemberAdministrationUseCase.DEFAULT_PAGE_SIZE;
  int MAX_PAGE_SIZE = MemberAdministrationUseCase.MAX_PAGE_SIZE;

  /** Longer than any slug (64), name or e-mail prefix worth typing; a longer one is a 400. */
  int MAX_QUERY_LENGTH = 200;

  /** Tenants whose slug or name (ignoring case) starts with {@code q}, active or not. */
  Page<Tenant> tenants(Caller caller, PageRequest request);

  /** Users whose e-mail starts with {@code q} (e-mails are kept lower-case). */
  Page<User> users(Caller caller, PageRequest request);

  /** Roles of the caller's tenant; {@code q} must be empty. */
  Page<Role> roles(Caller caller, PageRequest request);

  /**
   * What one page asks for: a prefix to search (empty or absent: everything), a page size of 1 to
   * {@value #MAX_PAGE_SIZE} and the cursor of the previous page, if any.
   */
  record PageRequest(Optional<String> q, int limit, Optional<String> cursor) {
    public PageRequest {
      q = q == null ? Optional.empty() : q.filter(text -> !text.isEmpty());
      cursor = cursor == null ? Optional.empty() : cursor;
      InvalidValueException.require(
          limit >= 1 && limit <= MAX_PAGE_SIZE, "limit", "must be 1 to " + MAX_PAGE_SIZE);
      q.ifPresent(
          text ->
              InvalidValueException.require(
                  text.length() <= MAX_QUERY_LENGTH,
                  "q",
                  "must be at most " + MAX_QUERY_LENGTH + " characters"));
    }

    /** The first page of everything, {@code limit} at a time. */
    public static PageRequest first(int limit) {
      return new PageRequest(Optional.empty(), limit, Optional.empty());
    }
  }

  /** One page; {@code nextCursor} is empty on the last one. */
  record Page<T>(List<T> items, Optional<String> nextCursor) {
    public Page {
      items = List.copyOf(items);
    }
  }
}
