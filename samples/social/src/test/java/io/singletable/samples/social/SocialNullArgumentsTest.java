package io.singletable.samples.social;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import io.singletable.samples.social.runtime.PageRequest;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every public method and constructor of the data-access class and of each repository refuses a null argument with a
 * {@link NullPointerException} naming the parameter, before any request: each reference parameter is set to null in
 * turn, the others valid, on DynamoDB Local through a client that counts the requests.
 */
class SocialNullArgumentsTest {
  private static AmazonDynamoDBLocal dynamoDb;
  private static DynamoDbClient local;

  @BeforeAll
  static void start() {
    dynamoDb = DynamoDBEmbedded.create(true);
    local = dynamoDb.dynamoDbClient();
    local.createTable(DataAccess.createTableRequest("nulls"));
  }

  @AfterAll
  static void stop() {
    local.close();
    dynamoDb.shutdownNow();
  }

  @Test
  void everyPublicMethodRefusesANullArgumentNamingItBeforeAnyRequest() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    DynamoDbClient counting = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
        new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
          if (!List.of("close", "serviceName", "serviceClientConfiguration").contains(method.getName())) {
            requests.incrementAndGet();
          }
          try {
            return method.invoke(local, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    check(new DataAccess(counting, "nulls"), requests, counting);
  }

  @Test
  void everyPublicMethodOfTheAsyncFlavourRefusesANullArgumentNamingItBeforeAnyRequest() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    DynamoDbAsyncClient real = dynamoDb.dynamoDbAsyncClient();
    DynamoDbAsyncClient counting = (DynamoDbAsyncClient) Proxy.newProxyInstance(DynamoDbAsyncClient.class.getClassLoader(),
        new Class<?>[] {DynamoDbAsyncClient.class}, (proxy, method, args) -> {
          if (!List.of("close", "serviceName", "serviceClientConfiguration").contains(method.getName())) {
            requests.incrementAndGet();
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    check(new AsyncDataAccess(counting, "nulls"), requests, counting);
  }

  /** Each reference parameter of each public method and constructor of {@code access} and its repositories, null. */
  private static void check(Object access, AtomicInteger requests, Object counting) throws Exception {
    List<Object> targets = new ArrayList<>();
    targets.add(access);
    for (Method m : access.getClass().getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 0 && m.getName().endsWith("s")
          && m.getReturnType().getSimpleName().endsWith("Repository")) {
        targets.add(m.invoke(access));
      }
    }
    assertEquals(1 + 4, targets.size(), "the data-access class and one repository per type: " + targets);
    List<String> checked = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    List<Executable> executables = new ArrayList<>(List.of(access.getClass().getConstructors()));
    for (Object target : targets) {
      for (Method m : target.getClass().getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers())) {
          executables.add(m);
        }
      }
    }
    for (Executable x : executables) {
      Parameter[] parameters = x.getParameters();
      Object target = x instanceof Method m && !Modifier.isStatic(m.getModifiers())
          ? targets.stream().filter(t -> t.getClass() == m.getDeclaringClass()).findFirst().orElseThrow() : null;
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i].getType().isPrimitive()) {
          continue;
        }
        assertTrue(parameters[i].isNamePresent(), "compiled with -parameters");
        Object[] args = new Object[parameters.length];
        for (int j = 0; j < args.length; j++) {
          Class<?> t = parameters[j].getType();
          args[j] = j == i ? null : t == int.class ? 1 : t == long.class ? 1L : t == double.class ? 1.0
              : valid(t, counting);
        }
        String what = x.getDeclaringClass().getSimpleName() + "." + (x instanceof Constructor ? "<init>" : x.getName())
            + "(" + parameters[i].getName() + " = null, " + parameters.length + " parameters)";
        checked.add(what);
        int before = requests.get();
        Throwable thrown = null;
        try {
          if (x instanceof Method m) {
            m.invoke(target, args);
          } else {
            ((Constructor<?>) x).newInstance(args);
          }
        } catch (InvocationTargetException e) {
          thrown = e.getCause();
        }
        if (!(thrown instanceof NullPointerException) || !parameters[i].getName().equals(thrown.getMessage())) {
          failures.add(what + ": " + thrown);
        } else if (requests.get() != before) {
          failures.add(what + ": " + (requests.get() - before) + " requests before the NullPointerException");
        }
      }
    }
    assertEquals(List.of(), failures, "of " + checked.size() + " checked: " + checked);
    assertTrue(checked.size() >= 30, "checked " + checked);
  }

  /** A valid non-null argument of a parameter type. */
  private static Object valid(Class<?> type, Object client) throws Exception {
    if (type == String.class) {
      return "x1";
    }
    if (type == PageRequest.class) {
      return PageRequest.first();
    }
    if (type == List.class) {
      return List.of("x1");
    }
    if (type == UnaryOperator.class) {
      return UnaryOperator.identity();
    }
    if (type == Consumer.class) {
      return (Consumer<Object>) x -> { };
    }
    if (type == Function.class) {
      return Function.identity();
    }
    if (type == DynamoDbClient.class || type == DynamoDbAsyncClient.class) {
      return client;
    }
    if (type == Clock.class) {
      return Clock.systemUTC();
    }
    if (type == io.singletable.samples.social.runtime.ReadConsistency.class) {
      return io.singletable.samples.social.runtime.ReadConsistency.STRONG;
    }
    if (type == io.singletable.samples.social.runtime.RetryPolicy.class) {
      return io.singletable.samples.social.runtime.RetryPolicy.DEFAULT;
    }
    if (type == io.singletable.samples.social.runtime.SortRange.class) {
      return io.singletable.samples.social.runtime.SortRange.since("a");
    }
    if (type == java.util.Collection.class) {
      return List.of();
    }
    if (type.isRecord()) {
      RecordComponent[] components = type.getRecordComponents();
      Object[] values = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] = value(types[i]);
      }
      return type.getDeclaredConstructor(types).newInstance(values);
    }
    throw new IllegalStateException("no valid value of " + type);
  }

  /** A value of a record component. */
  private static Object value(Class<?> type) {
    if (type == String.class) {
      return "x1";
    }
    if (type == Integer.class) {
      return 1;
    }
    if (type == Long.class) {
      return 1L;
    }
    if (type == Double.class) {
      return 1.0;
    }
    if (type == Boolean.class) {
      return true;
    }
    if (type == List.class) {
      return List.of();
    }
    if (type == AttributeValue.class) {
      return AttributeValue.fromS("x");
    }
    if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    throw new IllegalStateException("no value of " + type);
  }
}
