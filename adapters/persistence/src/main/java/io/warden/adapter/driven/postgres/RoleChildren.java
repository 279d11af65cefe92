package io.warden.adapter.driven.postgres;

/**
 * The two tables that hold a set of values per role, each written the same way (add what is
 * missing, remove what is not kept) by {@link RoleMapper#addAll} and {@link
 * RoleMapper#removeAllExcept}. Its table and column names are the only text MyBatis splices into
 * those statements ({@code ${...}}); every value is still a bound parameter.
 */
enum RoleChildren {
  /** The names of the permissions a role grants. */
  PERMISSIONS("role_permissions", "permission_name", "text[]"),
  /** The ids of the roles (of the same tenant) a role includes. */
  INCLUDES("role_includes", "included_role_id", "uuid[]");

  private final String table;
  private final String column;
  private final String arrayType;

  RoleChildren(String table, String column, String arrayType) {
    this.table = table;
    this.column = column;
    this.arrayType = arrayType;
  }

  // Getters in the bean style: MyBatis reads ${children.table} through them.

  public String getTable() {
    return table;
  }

  public String getColumn() {
    return column;
  }

  public String getArrayType() {
    return arrayType;
  }
}
