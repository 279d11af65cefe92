package io.warden.adapter.driven.postgres;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Counts the SQL statements executed through a data source: connections and statements handed out
 * are thin proxies, and every {@code execute*} call on a statement (a batch counts once) adds one.
 * It is how "database queries per request" is measured, and how tests prove that a warm request
 * touches no database at all.
 */
final class StatementCountingDataSource {
  private final LongAdder executed = new LongAdder();

  /** Statements executed so far through data sources this counter wrapped. */
  long count() {
    return executed.sum();
  }

  /** {@code target} as MyBatis should see it: the same, but counted. */
  DataSource wrap(DataSource target) {
    return proxy(DataSource.class, target);
  }

  private <T> T proxy(Class<T> type, T target) {
    return type.cast(
        Proxy.newProxyInstance(
            StatementCountingDataSource.class.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              if (target instanceof Statement && method.getName().startsWith("execute")) {
                executed.increment();
              }
              return wrap(method, invoke(method, target, args));
            }));
  }

  /** Connections and statements are wrapped in turn; everything else is handed out as it is. */
  private @Nullable Object wrap(Method method, @Nullable Object result) {
    Class<?> returned = method.getReturnType();
    if (result == null || !returned.isInterface()) {
      return result;
    }
    if (returned == Connection.class) {
      return proxy(Connection.class, (Connection) result);
    }
    if (Statement.class.isAssignableFrom(returned)) {
      @SuppressWarnings("unchecked")
      Class<Statement> statementType = (Class<Statement>) returned;
      return proxy(statementType, statementType.cast(result));
    }
    return result;
  }

  private static @Nullable Object invoke(Method method, Object target, Object @Nullable [] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
