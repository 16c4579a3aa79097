package io.singletable.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("simulator")
class AppSyncSimulatorTest {

  @Test
  void failsWithTheServersExplanationWhenTheBackendCannotBeLoaded(@TempDir Path outputDir) throws IOException {
    Files.writeString(outputDir.resolve("template.yaml"), "Resources:\n  Api:\n    Type: AWS::AppSync::GraphQLApi\n");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> AppSyncSimulator.start(outputDir, DynamoDbLocal.shared().endpoint(), "st-none"));
    assertTrue(e.getMessage().contains("expected one AWS::AppSync::GraphQLSchema, found 0"), e.getMessage());
  }

  @Test
  void refusesResolversOfTheJavaScriptRuntime(@TempDir Path outputDir) throws IOException {
    String template = Files.readString(HarnessFixture.outputDir().resolve("template.yaml"))
        + "\n  JsResolver:\n    Type: AWS::AppSync::Resolver\n    Properties:\n      TypeName: Query\n      FieldName: tableName\n"
        + "      Runtime:\n        Name: APPSYNC_JS\n        RuntimeVersion: 1.0.0\n      CodeS3Location: resolvers/x.js\n";
    Files.writeString(outputDir.resolve("template.yaml"), template);
    Files.createDirectories(outputDir.resolve("appsync"));
    Files.copy(HarnessFixture.outputDir().resolve("appsync/schema.graphql"), outputDir.resolve("appsync/schema.graphql"));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> AppSyncSimulator.start(outputDir, DynamoDbLocal.shared().endpoint(), "st-none"));
    assertTrue(e.getMessage().contains("JsResolver: the APPSYNC_JS runtime is not supported by the harness (VTL only)"), e.getMessage());
  }

  @Test
  void closeEndsTheServerProcess() {
    ProcessHandle process;
    URI url;
    try (Backend backend = Backend.start(HarnessFixture.outputDir())) {
      process = backend.simulator().process();
      url = backend.simulator().url();
      assertTrue(process.isAlive());
      assertEquals(backend.tableName(), backend.graphql("{ tableName }").requireNoErrors().data("/tableName").asText());
    }
    assertFalse(process.isAlive());
    assertThrows(IOException.class, () -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 1000);
      }
    });
  }
}
