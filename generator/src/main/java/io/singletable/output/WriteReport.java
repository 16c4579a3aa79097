package io.singletable.output;

import java.util.List;

/**
 * What {@link OutputWriter#write} did, as relative paths; the manifest itself is not listed.
 *
 * @param written planned files whose bytes were (re)written
 * @param unchanged planned files already on disk with the same bytes, left untouched
 * @param deleted previously owned files no longer planned, removed
 */
public record WriteReport(List<String> written, List<String> unchanged, List<String> deleted) {

  /** Copies each list, sorted; the lists are unmodifiable. */
  public WriteReport {
    written = written.stream().sorted().toList();
    unchanged = unchanged.stream().sorted().toList();
    deleted = deleted.stream().sorted().toList();
  }
}
