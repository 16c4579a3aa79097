package io.singletable.model;

/**
 * A {@code @manyToMany} relation: its two sides and the join items that link them (SPEC §2.3).
 *
 * <ul>
 *   <li>join item: {@code PK = <name>#<aId>#<bId>}, {@code __typename = <name>}, the two ids under {@link #aIdField()}
 *       and {@link #bIdField()}, and the index attributes of both sides: side {@code a}'s slot holds
 *       {@code <name>#<aId>} (the b items of an a), side {@code b}'s {@code <name>#<bId>};</li>
 *   <li>link head of an item: {@code PK = <name>#<id>} with {@code links}, the string set of the ids it is linked to,
 *       read consistently by a delete (GSI reads are not) so that the delete removes every join item with the node.</li>
 * </ul>
 * Ids hold no {@code #}: heads (one id) and join items (two) never share a key, and the name is no model type, so
 * neither shares a key with a node or a unique item.
 *
 * @param name the relation name: the join items' GraphQL type
 * @param a the side declared on the type whose name sorts first: lists b items
 * @param b the other side: lists a items
 */
public record ManyToManyModel(String name, RelationModel a, RelationModel b) {
  /** The type of side {@code a}'s items (the owner of {@link #a}). */
  public String aType() {
    return a.owner();
  }

  /** The type of side {@code b}'s items. */
  public String bType() {
    return b.owner();
  }

  /** The join items' field holding the a item's id: {@code <aType lower-first>Id}. */
  public String aIdField() {
    return OperationNames.lowerFirst(aType()) + "Id";
  }

  /** The join items' field holding the b item's id. */
  public String bIdField() {
    return OperationNames.lowerFirst(bType()) + "Id";
  }

  /** {@code add<name>}: the connect mutation. */
  public String addMutation() {
    return "add" + name;
  }

  /** {@code remove<name>}: the disconnect mutation. */
  public String removeMutation() {
    return "remove" + name;
  }

  /** {@code <name>#}: the start of every key of the relation's join items and link heads. */
  public String keyPrefix() {
    return name + StorageLayout.SEPARATOR;
  }
}
