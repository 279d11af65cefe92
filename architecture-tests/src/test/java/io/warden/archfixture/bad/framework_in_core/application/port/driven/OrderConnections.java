package io.warden.archfixture.bad.framework_in_core.application.port.driven;

import java.sql.Connection;

/** Violation: a JDBC type in an application port (it is java.., but a framework type). */
public interface OrderConnections {
  Connection open();
}
