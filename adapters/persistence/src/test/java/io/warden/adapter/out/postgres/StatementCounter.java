package io.warden.adapter.out.postgres;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Counts the SQL statements that reach JDBC through a data source, independently of MyBatis: it
 * wraps connections and statements in proxies and counts every {@code execute*} call.
 */
final class StatementCounter implements UnaryOperator<DataSource> {
  private final AtomicInteger executed = new AtomicInteger();

  int count() {
    return executed.get();
  }

  void reset() {
    executed.set(0);
  }

  @Override
  public DataSource apply(DataSource target) {
    return proxy(DataSource.class, target);
  }

  private <T> T proxy(Class<T> type, T target) {
    return type.cast(
        Proxy.newProxyInstance(
            StatementCounter.class.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              if (target instanceof Statement && method.getName().startsWith("execute")) {
                executed.incrementAndGet();
              }
              Object result = invoke(method, target, args);
              return wrap(method, result);
            }));
  }

  private Object wrap(Method method, Object result) {
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
      return proxy(statementType, (Statement) result);
    }
    return result;
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
