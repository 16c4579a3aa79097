package io.singletable.render.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.singletable.render.TemplateEngine;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.exception.MethodInvocationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error mapping of the write resolvers (vtl-lib.ftl raiseErrors) run the way AppSync runs it,
 * on Apache Velocity, for every failure shape AppSync hands a response template: a cancelled
 * transaction ($ctx.result.cancellationReasons, one reason per item; $ctx.stash.uniqueFields names
 * the unique field of each item) and a failed single call ($ctx.error alone). The simulator and
 * DynamoDB Local produce most of these for real (HostileRequestScenarioTest); a TransactionConflict
 * they cannot: DynamoDB Local serialises transactions (400 overlapping transactions on 8 threads
 * never conflict), so its mapping is checked here.
 */
class ErrorMappingVelocityTest {
  @TempDir
  Path dir;

  /** What $util.error raised: the resolver's GraphQL error. */
  record Raised(String message, String type) {}

  static final class Raise extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Raised raised;

    Raise(Raised raised) {
      super(raised.type());
      this.raised = raised;
    }
  }

  /** The $util methods raiseErrors calls, as AppSync's $util does them. */
  public static final class Util {
    public Object defaultIfNull(Object value, Object fallback) {
      return value == null ? fallback : value;
    }

    public boolean isNull(Object value) {
      return value == null;
    }

    public Object error(String message, String type) {
      throw new Raise(new Raised(message, type));
    }

    public Object error(String message, String type, Object data, Object info) {
      throw new Raise(new Raised(message, type));
    }
  }

  private String vtl(boolean create) throws Exception {
    Path overrides = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(overrides.resolve("errors.ftl"), "[#import \"vtl-lib.ftl\" as lib]\n#set($H = '#')\n"
        + "[@lib.raiseErrors {\"typename\": \"Member\"} " + create + "/]\nno error");
    return new TemplateEngine(overrides).render("errors.ftl", new Object());
  }

  private static Map<String, Object> reason(String type, String message) {
    Map<String, Object> r = new HashMap<>();
    r.put("type", type);
    r.put("message", message);
    return r;
  }

  private Raised run(boolean create, String errorType, String errorMessage, List<Map<String, Object>> reasons)
      throws Exception {
    VelocityEngine velocity = new VelocityEngine();
    velocity.init();
    Map<String, Object> ctx = new HashMap<>();
    ctx.put("error", Map.of("type", errorType, "message", errorMessage));
    Map<String, Object> result = new HashMap<>();
    result.put("cancellationReasons", reasons);
    ctx.put("result", reasons == null ? null : result);
    List<String> uniqueFields = new ArrayList<>(List.of("", "handle", ""));
    ctx.put("stash", Map.of("uniqueFields", uniqueFields, "conflictMessage", create
        ? "an item with id m1 already exists" : "the item changed concurrently; retry"));
    VelocityContext context = new VelocityContext();
    context.put("util", new Util());
    context.put("ctx", ctx);
    try {
      StringWriter out = new StringWriter();
      velocity.evaluate(context, out, "errors", vtl(create));
      assertTrue(out.toString().contains("no error"), out.toString());
      return null;
    } catch (MethodInvocationException e) {
      return ((Raise) e.getCause()).raised;
    }
  }

  private static final String CANCELLED = "DynamoDB:TransactionCanceledException";

  @Test
  void cancellationReasonsMapToDistinctErrorTypes() throws Exception {
    var none = reason("None", "None");
    assertEquals("NotUnique:Member.id", run(true, CANCELLED, "cancelled",
        List.of(reason("ConditionalCheckFailed", "The conditional request failed"), none)).type());
    assertEquals("Member.id must be unique: an item with id m1 already exists", run(true, CANCELLED, "cancelled",
        List.of(reason("ConditionalCheckFailed", "x"), none)).message());
    assertEquals("NotUnique:Member.handle", run(true, CANCELLED, "cancelled",
        List.of(none, reason("ConditionalCheckFailed", "x"))).type());
    assertEquals("NotUnique:Member.handle", run(false, CANCELLED, "cancelled",
        List.of(none, reason("ConditionCheckFailed", "x"))).type(), "AppSync's documented spelling");
    assertEquals(new Raised("the item changed concurrently; retry", "ConditionalCheckFailed"), run(false, CANCELLED,
        "cancelled", List.of(reason("ConditionalCheckFailed", "x"), none)));
    assertEquals("ConditionalCheckFailed", run(false, CANCELLED, "cancelled",
        List.of(none, none, reason("ConditionalCheckFailed", "x"))).type(), "an old unique item no longer owned");
    Raised conflict = run(false, CANCELLED, "cancelled", List.of(none, reason("TransactionConflict", "conflict")));
    assertEquals("TransactionConflict", conflict.type());
    assertTrue(conflict.message().contains("retry"), conflict.message());
    assertEquals("TransactionConflict", run(true, CANCELLED, "cancelled",
        List.of(reason("TransactionConflict", "conflict"), none)).type());
    assertEquals(new Raised("Hash primary key values must be under 2048 bytes", "ValidationError"), run(true, CANCELLED,
        "cancelled", List.of(none, reason("ValidationError", "Hash primary key values must be under 2048 bytes"))));
    assertEquals(new Raised("cancelled", CANCELLED), run(true, CANCELLED, "cancelled",
        List.of(none, reason("ThrottlingError", "slow down"))), "anything else: DynamoDB's own error");
  }

  @Test
  void singleCallErrorsMapToDistinctErrorTypes() throws Exception {
    String failed = "DynamoDB:ConditionalCheckFailedException";
    assertEquals("NotUnique:Member.id", run(true, failed, "The conditional request failed", null).type());
    assertEquals("ConditionalCheckFailed", run(false, failed, "The conditional request failed", null).type());
    assertEquals("TransactionConflict", run(false, "DynamoDB:TransactionConflictException", "in progress", null).type());
    for (String[] validation : new String[][] {
        {"DynamoDB:ValidationException", "One or more parameter values were invalid: Size of hashkey has exceeded"},
        {"DynamoDB:DynamoDbException", "One or more parameter values were invalid: Size of hashkey has exceeded"
            + " the maximum size limit of 2048 bytes (Service: DynamoDb, Status Code: 400, Request ID: X)"},
        {"DynamoDB:AmazonDynamoDBException", "The provided key element does not match the schema (Service:"
            + " AmazonDynamoDBv2; Status Code: 400; Error Code: ValidationException; Request ID: X)"}}) {
      assertEquals(new Raised(validation[1], "ValidationError"), run(true, validation[0], validation[1], null));
    }
    assertEquals(new Raised("Throughput exceeds", "DynamoDB:ProvisionedThroughputExceededException"),
        run(false, "DynamoDB:ProvisionedThroughputExceededException", "Throughput exceeds", null));
  }

  /**
   * The update and delete of a versioned type given an expected version (vtl-lib.ftl raiseVersionConflict, then
   * raiseErrors): a failed condition of the node, which the stored version matched when read, is ConflictingVersion;
   * a failed unique item stays NotUnique; without an expected version nothing changes.
   */
  @Test
  void aChangedNodeIsAConflictingVersionWhenAVersionWasExpected() throws Exception {
    Path overrides = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(overrides.resolve("versions.ftl"), "[#import \"vtl-lib.ftl\" as lib]\n#set($H = '#')\n"
        + "#set($typename = 'Member')\n[@lib.raiseVersionConflict/]\n[@lib.raiseErrorsOf false/]\nno error");
    String vtl = new TemplateEngine(overrides).render("versions.ftl", new Object());
    var none = reason("None", "None");
    var failed = reason("ConditionalCheckFailed", "x");
    String single = "DynamoDB:ConditionalCheckFailedException";
    assertEquals(new Raised("Member m1 changed since it was read at the expected version 3", "ConflictingVersion"),
        runVersioned(vtl, single, null, 3), "PutItem or DeleteItem of the node");
    assertEquals("ConflictingVersion", runVersioned(vtl, CANCELLED, List.of(failed, none), 3).type(), "the node first");
    assertEquals("ConflictingVersion", runVersioned(vtl, CANCELLED, List.of(failed, failed), 3).type());
    assertEquals("NotUnique:Member.handle", runVersioned(vtl, CANCELLED, List.of(none, failed), 3).type(),
        "a value taken by another item");
    assertEquals("ConditionalCheckFailed", runVersioned(vtl, single, null, null).type(), "no version expected");
    assertEquals("ConditionalCheckFailed", runVersioned(vtl, CANCELLED, List.of(failed, none), null).type());
    assertEquals("TransactionConflict", runVersioned(vtl, CANCELLED, List.of(reason("TransactionConflict", "c"), none),
        3).type());
  }

  private Raised runVersioned(String vtl, String errorType, List<Map<String, Object>> reasons, Integer expected) {
    VelocityEngine velocity = new VelocityEngine();
    velocity.init();
    Map<String, Object> ctx = new HashMap<>();
    ctx.put("error", Map.of("type", errorType, "message", "failed"));
    Map<String, Object> result = new HashMap<>();
    result.put("cancellationReasons", reasons);
    // a failed PutItem/DeleteItem: AppSync's result is the current item
    ctx.put("result", reasons == null ? Map.of("id", "m1", "__typename", "Member", "version", 4) : result);
    Map<String, Object> stash = new HashMap<>(Map.of("uniqueFields", List.of("", "handle"), "id", "m1",
        "conflictMessage", "the item changed concurrently; retry"));
    if (expected != null) {
      stash.put("expectedVersion", expected);
    }
    ctx.put("stash", stash);
    VelocityContext context = new VelocityContext();
    context.put("util", new Util());
    context.put("ctx", ctx);
    try {
      StringWriter out = new StringWriter();
      velocity.evaluate(context, out, "versions", vtl);
      assertTrue(out.toString().contains("no error"), out.toString());
      return null;
    } catch (MethodInvocationException e) {
      return ((Raise) e.getCause()).raised;
    }
  }

  /** refuseInvalidId on Apache Velocity: its pattern (single-quoted, so Java's regex reads the escapes). */
  @Test
  void invalidIdsAreRefusedAndEveryOtherIdAccepted() throws Exception {
    Path overrides = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(overrides.resolve("ids.ftl"), "[#import \"vtl-lib.ftl\" as lib]\n#set($H = '#')\n"
        + "[@lib.refuseInvalidId \"Member\" \"id\"/]\nno error");
    String vtl = new TemplateEngine(overrides).render("ids.ftl", new Object());
    VelocityEngine velocity = new VelocityEngine();
    velocity.init();
    List<String> refused = new ArrayList<>(List.of("", "#", "a#b", "handle#alice", "\u0000", "a\u0001", "\u001f", "\u007f",
        "line\n", "tab\t", "cr\r"));
    for (char c = 0; c < 0x20; c++) {
      refused.add("x" + c + "y");
    }
    for (String id : refused) {
      VelocityContext context = new VelocityContext();
      context.put("util", new Util());
      context.put("cid", id);
      try {
        velocity.evaluate(context, new StringWriter(), "ids", vtl);
        throw new AssertionError("accepted " + id.chars().boxed().toList());
      } catch (MethodInvocationException e) {
        assertEquals(new Raised("Member.id: an id may not be empty or contain '#' or control characters", "InvalidId"),
            ((Raise) e.getCause()).raised);
      }
    }
    for (String id : List.of("a", "a b", "\u00fcmlaut", "\uD83D\uDE00", "\u0080\u00a0", "x-1_2.3:4/5", "A".repeat(2000))) {
      VelocityContext context = new VelocityContext();
      context.put("util", new Util());
      context.put("cid", id);
      StringWriter out = new StringWriter();
      velocity.evaluate(context, out, "ids", vtl);
      assertTrue(out.toString().contains("no error"), id);
    }
  }
}
