package io.singletable.render.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The runtime sources: every file of the folder is listed and packaged, and copied with only its package line changed. */
class RuntimeSourcesTest {
  private static final Path FOLDER = Path.of("src/runtime/java/io/singletable/runtime");

  @Test
  void everyRuntimeSourceIsListedAndPackaged() throws IOException {
    List<String> files;
    try (Stream<Path> list = Files.list(FOLDER)) {
      files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java")).sorted().toList();
    }
    assertEquals(files, RuntimeSources.FILES.stream().sorted().toList(), "RuntimeSources.FILES lists the folder");
    assertEquals(files.size(), RuntimeSources.render("com.example").size());
  }

  @Test
  void aCopyDiffersFromTheSourceOnlyInItsPackageLine() throws IOException {
    Map<String, String> copies = RuntimeSources.render("com.example.app");
    for (var copy : copies.entrySet()) {
      List<String> source = Files.readAllLines(FOLDER.resolve(copy.getKey()));
      List<String> copied = copy.getValue().lines().toList();
      assertEquals(source.size(), copied.size(), copy.getKey());
      int differing = 0;
      for (int i = 0; i < source.size(); i++) {
        if (!source.get(i).equals(copied.get(i))) {
          differing++;
          assertEquals("package io.singletable.runtime;", source.get(i), copy.getKey());
          assertEquals("package com.example.app.runtime;", copied.get(i), copy.getKey());
        }
      }
      assertEquals(1, differing, copy.getKey() + ": only the package line differs");
      assertTrue(!copy.getValue().contains("io.singletable.runtime"), copy.getKey() + " names the repository package");
    }
  }
}
