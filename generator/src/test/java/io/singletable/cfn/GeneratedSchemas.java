package io.singletable.cfn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Valid schemas of any size for the template tests: a chain of models {@code Item000…}, each with a
 * {@code @unique} name (every third model a second {@code @unique} field), its parent
 * ({@code @belongsTo}), its children ({@code @hasMany} sorted by name; every fifth model also a
 * sparse connection sorted by rank), a {@code @hasOne} to the first model and, every seventh, a
 * list {@code @belongsTo}; every tenth model owns a union of the next three
 * ({@code @hasMany} over the union, a connection sorted by rank). At most three relations target
 * one model, so the table needs three GSIs whatever the size.
 */
public final class GeneratedSchemas {
  private GeneratedSchemas() {}

  static String name(int i) {
    return String.format(Locale.ROOT, "Item%03d", i);
  }

  public static String models(int count) {
    StringBuilder sdl = new StringBuilder("# ").append(count).append(" generated models\n");
    for (int i = 0; i < count; i++) {
      sdl.append("type ").append(name(i)).append(" @model {\n");
      sdl.append("  id: ID!\n");
      sdl.append("  name: String! @unique\n");
      if (i % 3 == 0) {
        sdl.append("  code: String @unique(ignoreCase: false)\n");
      }
      sdl.append("  rank: Int\n");
      sdl.append("  active: Boolean\n");
      sdl.append("  parentId: ID\n");
      if (i > 0) {
        sdl.append("  parent: ").append(name(i - 1)).append(" @belongsTo(field: \"parentId\")\n");
      }
      if (i + 1 < count) {
        sdl.append("  children: [").append(name(i + 1)).append("] @hasMany(field: \"parentId\", sortBy: [\"name\"])\n");
        if (i % 5 == 0) {
          sdl.append("  activeChildren: ").append(name(i + 1))
              .append("Connection @hasMany(field: \"parentId\", sortBy: [\"rank\"], onlyIf: \"active\")\n");
        }
      }
      sdl.append("  ownerId: ID\n");
      sdl.append("  friendId: ID\n");
      if (i > 0) {
        sdl.append("  friend: ").append(name(0)).append(" @hasOne(field: \"friendId\")\n");
      }
      sdl.append("  tagIds: [ID!]\n");
      if (i % 7 == 0 && i > 0) {
        sdl.append("  tags: [").append(name(i - 1)).append("] @belongsTo(field: \"tagIds\")\n");
      }
      List<String> members = unionMembers(i, count);
      if (!members.isEmpty()) {
        sdl.append("  members: ").append(union(i)).append("Connection @hasMany(field: \"ownerId\", sortBy: [\"rank\"])\n");
      }
      sdl.append("  createdAt: AWSDateTime\n");
      sdl.append("  updatedAt: AWSDateTime\n");
      sdl.append("}\n\n");
    }
    for (int i = 0; i < count; i++) {
      List<String> members = unionMembers(i, count);
      if (!members.isEmpty()) {
        sdl.append("union ").append(union(i)).append(" = ").append(String.join(" | ", members)).append("\n");
      }
    }
    return sdl.toString();
  }

  private static String union(int owner) {
    return String.format(Locale.ROOT, "Group%03d", owner / 10);
  }

  /** Members of the union owned by model {@code i}: the next three models when {@code i} is a multiple of ten. */
  private static List<String> unionMembers(int i, int count) {
    List<String> members = new ArrayList<>();
    if (i % 10 == 0) {
      for (int m = i + 1; m <= i + 3 && m < count; m++) {
        members.add(name(m));
      }
    }
    return members.size() >= 2 ? members : List.of();
  }
}
