package io.singletable.validate;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** "did you mean" hints by edit distance, and small wording helpers. */
final class Suggest {
  private Suggest() {}

  /** {@code "; did you mean X?"} for the closest candidate, else empty; see {@link #closest}. */
  static String didYouMean(String name, Collection<String> candidates) {
    return didYouMean(name, candidates, "");
  }

  /** {@code "; did you mean <prefix>X?"} for the closest candidate, else empty. */
  static String didYouMean(String name, Collection<String> candidates, String prefix) {
    String best = closest(name, candidates);
    return best == null ? "" : "; did you mean " + prefix + best + "?";
  }

  /**
   * The candidate closest to {@code name} ignoring case (ties: alphabetical), if it is within
   * one edit for names up to 4 characters and two edits for longer ones (a swap of two
   * neighbouring letters counts as one edit); else null. Never {@code name} itself.
   */
  static String closest(String name, Collection<String> candidates) {
    int limit = name.length() <= 4 ? 1 : 2;
    String best = null;
    int bestDistance = limit + 1;
    for (String c : candidates.stream().sorted().toList()) {
      if (c.equals(name)) {
        continue;
      }
      int d = distance(name.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  static String and(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }
}
