package io.singletable.validate;

import java.util.Collection;
import java.util.Locale;

/** "did you mean" hints by edit distance. */
final class Suggest {
  private Suggest() {}

  /** {@code "; did you mean X?"} for the closest candidate within distance 2, else empty. */
  static String didYouMean(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = 3;
    for (String c : candidates.stream().sorted().toList()) {
      int d = distance(name.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best == null ? "" : "; did you mean " + best + "?";
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
