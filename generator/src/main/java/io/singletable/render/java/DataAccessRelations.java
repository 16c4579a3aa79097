package io.singletable.render.java;

import static io.singletable.render.java.JavaNames.ITEM;
import static io.singletable.render.java.JavaNames.LIST;
import static io.singletable.render.java.JavaNames.STRING;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.singletable.model.JavaIdentifiers;
import io.singletable.model.EntityModel;
import io.singletable.model.OperationNames;
import io.singletable.model.RelationKind;
import io.singletable.model.RelationModel;
import io.singletable.model.RelationShape;
import io.singletable.model.ServiceModel;
import io.singletable.model.SortEncoding;
import io.singletable.model.SortField;
import io.singletable.model.SortKeyComponent;
import java.util.ArrayList;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Renders the data-access method of each relation field: a {@code @hasMany} is a page of a GSI
 * query with a cursor; a {@code @belongsTo}/{@code @hasOne} is a get by the id the item holds, or a
 * batch get for a list of ids. Union/interface targets come back as their sealed Java interface.
 */
final class DataAccessRelations {
  private static final ClassName OPTIONAL = ClassName.get(Optional.class);

  private final ServiceModel model;
  private final JavaNames names;
  private final DataAccessRenderer owner;
  private final ClassName codec;

  DataAccessRelations(ServiceModel model, JavaNames names, DataAccessRenderer owner) {
    this.model = model;
    this.names = names;
    this.owner = owner;
    this.codec = names.codecClass();
  }

  /** The relation's methods in its owner's repository: a page by the owner's id and by the owner; a lookup. */
  java.util.List<MethodSpec> render(RelationModel r) {
    String name = owner.methodName("relation " + r.id());
    if (r.manyToMany()) {
      return manyToMany(r, name);
    }
    if (r.list()) {
      return list(r, name);
    }
    if (r.kind() == RelationKind.HAS_MANY) {
      return hasMany(r, name);
    }
    return java.util.List.of(r.shape() == RelationShape.LIST ? batch(r, name) : single(r, name));
  }

  boolean concrete(RelationModel r) {
    return model.entity(r.target()).isPresent();
  }

  CodeBlock typenames(RelationModel r) {
    return CodeBlock.join(r.concreteTargets().stream().map(t -> CodeBlock.of("$S", t)).toList(), ", ");
  }

  /** A function decoding an item as the relation's element type. */
  CodeBlock decoder(RelationModel r) {
    if (concrete(r)) {
      return CodeBlock.of("$T::$N", codec, names.fromItem(r.target()));
    }
    return CodeBlock.of("item -> ($T) $T.decode(item)", names.type(r.target()), codec);
  }

  private String graphql(RelationModel r) {
    return "GraphQL: {@code " + r.owner() + "." + r.field() + "}.";
  }

  private static final ClassName OBJECTS = ClassName.get(java.util.Objects.class);
  private static final ClassName STREAM = ClassName.get(java.util.stream.Stream.class);
  private static final ClassName ITERABLE = ClassName.get(Iterable.class);

  /** The methods of a {@code @hasMany}: page, stream and pages, by id and by owner, then the same with a range. */
  private java.util.List<MethodSpec> hasMany(RelationModel r, String name) {
    java.util.List<MethodSpec> out = new ArrayList<>();
    String stream = owner.methodName("stream " + r.id());
    String pages = owner.methodName("pages " + r.id());
    for (boolean range : r.sortBy().isEmpty() ? java.util.List.of(false) : java.util.List.of(false, true)) {
      out.add(query(r, name, range));
      out.add(queryOf(r, name, name, range, Kind.PAGE));
      out.add(lazy(r, name, stream, range, Kind.STREAM));
      out.add(queryOf(r, name, stream, range, Kind.STREAM));
      out.add(lazy(r, name, pages, range, Kind.PAGES));
      out.add(queryOf(r, name, pages, range, Kind.PAGES));
    }
    return out;
  }

  /**
   * The methods of a {@code @list} over this repository's type: a page, a lazy stream and lazy pages, each with the
   * list's {@code by} values first, then the same with a range of the first sort field.
   */
  private java.util.List<MethodSpec> list(RelationModel r, String name) {
    java.util.List<MethodSpec> out = new ArrayList<>();
    String stream = owner.methodName("stream " + r.id());
    String pages = owner.methodName("pages " + r.id());
    for (boolean range : r.sortBy().isEmpty() ? java.util.List.of(false) : java.util.List.of(false, true)) {
      out.add(listMethod(r, name, name, range, Kind.PAGE));
      out.add(listMethod(r, name, stream, range, Kind.STREAM));
      out.add(listMethod(r, name, pages, range, Kind.PAGES));
    }
    return out;
  }

  private MethodSpec listMethod(RelationModel r, String page, String name, boolean range, Kind kind) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(returns(r, kind));
    StringBuilder params = new StringBuilder();
    java.util.List<String> args = new ArrayList<>();
    for (SortField b : r.by()) {
      String p = JavaIdentifiers.member(b.field());
      m.addParameter(names.javaType(b.type(), b.enumType()).box(), p);
      params.append("@param ").append(p).append(" the {@code ").append(b.field()).append("} of the items listed\n");
      args.add(p);
    }
    if (range) {
      m.addParameter(rangeType(r), "range");
      params.append(rangeParam(r));
      args.add("range");
    }
    m.addParameter(names.runtimeClass("PageRequest"), "request");
    String filter = r.by().isEmpty() ? "every {@code " + r.target() + "} item"
        : "the {@code " + r.target() + "} items whose " + String.join(" and ", r.by().stream()
            .map(b -> "{@code " + b.field() + "}").toList()) + (r.by().size() == 1 ? " is the one given" : " are the ones given");
    String what = switch (kind) {
      case PAGE -> "a page of " + filter;
      case STREAM -> filter + ", lazily: a sequential stream reading the next page only when it needs its first item";
      case PAGES -> "the pages of " + filter + ", lazily: each iteration starts at {@code request}";
    };
    m.addJavadoc(doc("Access pattern: $L, $L$L$L. $L Cost: one Query of {@code $L}$L ({@code $L = $L}$L), no Scan.\n\n"
            + "$L@param request the limit, order and cursor\n@return $L\n"
            + "@throws NullPointerException when an argument is null\n$L"
            + "@throws ValidationErrorException when DynamoDB refuses the request as invalid (e.g. a key over its size limit)\n",
            what, order(r), r.onlyIf() == null ? "" : ", only those whose {@code " + r.onlyIf() + "} is true",
            range ? ", " + rangeDoc(r) : "", range ? "GraphQL: none (the field has no range argument)." : graphql(r),
            r.indexName(), kind == Kind.PAGE ? "" : " per page reached", r.partitionAttribute(),
            r.partitionPrefix() + (r.by().isEmpty() ? "" : "<" + String.join(", ", r.by().stream().map(SortField::field)
                .toList()) + ">"),
            range ? " and a condition on {@code " + r.sortAttribute() + "}" : "", params,
            switch (kind) {
              case PAGE -> "the page; {@code nextToken} continues it (with the same list, values, order" + (range ? " and range)" : ")");
              case STREAM -> "the items, in the request's order";
              case PAGES -> "the pages; each {@code iterator()} starts again";
            },
            range ? RANGE_THROWS : "@throws IllegalArgumentException when the request's nextToken is not one of this list, values and order\n"
                + "        (nothing is read)\n"));
    for (String a : args) {
      m.addStatement("$T.requireNonNull($N, $S)", OBJECTS, a, a);
    }
    m.addStatement("$T.requireNonNull(request, $S)", OBJECTS, "request");
    if (kind != Kind.PAGE) {
      if (range) {
        m.addCode("// a refused range fails at once, not when the first page is read\n").addStatement("$L", condition(r));
      }
      return m.addStatement("return $N(request, __next -> $N($L__next))", kind == Kind.STREAM ? "lazyItems" : "lazyPages",
          page, args.isEmpty() ? "" : String.join(", ", args) + ", ").build();
    }
    return m.addStatement("return $L", listPageCall(r, range)).build();
  }

  /** The parameter names of a {@code @list}'s {@code by} values, in order. */
  java.util.List<String> listKeys(RelationModel r) {
    return r.by().stream().map(b -> JavaIdentifiers.member(b.field())).toList();
  }

  /** A {@code @list}'s by-value parameters, boxed (null is refused, not a value). */
  java.util.List<com.palantir.javapoet.ParameterSpec> listParameters(RelationModel r) {
    return r.by().stream().map(b -> com.palantir.javapoet.ParameterSpec.builder(
        names.javaType(b.type(), b.enumType()).box(), JavaIdentifiers.member(b.field())).build()).toList();
  }

  /** The query of one page of a {@code @list}, from its by-value parameters ({@code range} and {@code request} too). */
  CodeBlock listPageCall(RelationModel r, boolean range) {
    return CodeBlock.of("queryPage($S, $S, $S, $T.$N($L), $L, request, $L, $L)", r.indexName(),
        r.partitionAttribute(), r.sortAttribute(), codec, names.partitionKey(r), String.join(", ", listKeys(r)),
        range ? condition(r) : CodeBlock.of("null"), decoder(r), typenames(r));
  }

  /**
   * A page of one side of a {@code @manyToMany} relation, by the owner's id and by the owner: one Query of the join
   * items and one BatchGetItem of the items they name, as the resolver reads it.
   */
  private java.util.List<MethodSpec> manyToMany(RelationModel r, String name) {
    io.singletable.model.ManyToManyModel m = model.manyToManyOf(r).orElseThrow();
    String otherIdField = m.a().id().equals(r.id()) ? m.bIdField() : m.aIdField();
    String parentId = parentId(r);
    MethodSpec byId = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(returns(r, Kind.PAGE))
        .addParameter(STRING, parentId).addParameter(names.runtimeClass("PageRequest"), "request")
        .addJavadoc(doc("Access pattern: the {@code $L} items linked to a $L by the many-to-many relation {@code $L}, ordered\n"
                + "$L. $L Cost: one Query of {@code $L} ({@code $L = $L<id>}) and one BatchGetItem of the\n"
                + "items its join items name, whatever the page's size (more only for keys DynamoDB leaves unprocessed); an\n"
                + "item deleted meanwhile is left out.\n\n@param $L the id of the $L\n@param request the limit, order and cursor\n"
                + "@return the page; {@code nextToken} continues it (with the same relation, parent, order)\n"
                + "@throws NullPointerException when an argument is null\n"
                + "@throws InvalidIdException when the id is empty or contains {@code #} or a control character (nothing is read)\n"
                + TOKEN_THROWS
                + "@throws ValidationErrorException when DynamoDB refuses the request as invalid (e.g. a key over its size limit)\n",
            r.target(), r.owner(), m.name(), order(r), graphql(r), r.indexName(), r.partitionAttribute(), r.partitionPrefix(),
            parentId, r.owner()))
        .addStatement("$T.requireNonNull($N, $S)", OBJECTS, parentId, parentId)
        .addStatement("$T.requireNonNull(request, $S)", OBJECTS, "request")
        .addStatement("checkId($S, $S, $N)", r.owner(), "id", parentId)
        .addStatement("return joinPage($S, $S, $S, $T.$N($N), request, $S, $S, $T::$N, $L, $L)", r.indexName(),
            r.partitionAttribute(), r.sortAttribute(), codec, names.partitionKey(r), parentId, m.name(), otherIdField,
            codec, names.nodeKey(r.target()), decoder(r), typenames(r))
        .build();
    MethodSpec byValue = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(returns(r, Kind.PAGE))
        .addParameter(names.type(r.owner()), "value").addParameter(names.runtimeClass("PageRequest"), "request")
        .addJavadoc(doc("Access pattern: a page of the {@code $L} items linked to a $L, as {@link #$L(java.lang.String, "
                + "PageRequest)} with its id.\n\n@param value the $L\n@param request the limit, order and cursor\n"
                + "@return the page; {@code nextToken} continues it\n@throws NullPointerException when an argument is null\n"
                + TOKEN_THROWS
                + "@throws ValidationErrorException when DynamoDB refuses the request as invalid (e.g. a key over its size limit)\n",
            r.target(), r.owner(), name, r.owner()))
        .addStatement("$T.requireNonNull(value, $S)", OBJECTS, "value")
        .addStatement("return $N(value.id(), request)", name)
        .build();
    java.util.List<MethodSpec> out = new ArrayList<>(java.util.List.of(byId, byValue));
    for (Kind kind : java.util.List.of(Kind.STREAM, Kind.PAGES)) {
      String lazy = owner.methodName((kind == Kind.STREAM ? "stream " : "pages ") + r.id());
      String what = kind == Kind.STREAM
          ? "every linked {@code " + r.target() + "} item, lazily: a sequential stream that reads the next page (one Query and\n"
              + "one BatchGetItem) only when it needs its first item"
          : "the pages of the linked {@code " + r.target() + "} items, lazily: each iteration starts at {@code request} and\n"
              + "reads one page per step";
      out.add(MethodSpec.methodBuilder(lazy).addModifiers(Modifier.PUBLIC).returns(returns(r, kind))
          .addParameter(STRING, parentId).addParameter(names.runtimeClass("PageRequest"), "request")
          .addJavadoc(doc("Access pattern: $L, as {@link #$L(java.lang.String, PageRequest)} reads them.\n\n"
                  + "@param $L the id of the $L\n@param request the page size, the order, and a cursor to start after (or none)\n"
                  + "@return $L\n@throws NullPointerException when an argument is null\n"
                  + "@throws InvalidIdException when the id is empty or contains {@code #} or a control character (nothing is read)\n"
                  + "@throws IllegalArgumentException (when the first page is read) when the request's nextToken is not one of\n"
                  + "        this relation, parent and order (nothing is read)\n"
                  + "@throws ValidationErrorException (when a page is read) when DynamoDB refuses the request as invalid\n",
              what, name, parentId, r.owner(),
              kind == Kind.STREAM ? "the items, in the request's order" : "the pages; each {@code iterator()} starts again"))
          .addStatement("$T.requireNonNull($N, $S)", OBJECTS, parentId, parentId)
          .addStatement("$T.requireNonNull(request, $S)", OBJECTS, "request")
          .addStatement("checkId($S, $S, $N)", r.owner(), "id", parentId)
          .addStatement("return $N(request, __next -> $N($N, __next))", kind == Kind.STREAM ? "lazyItems" : "lazyPages",
              name, parentId)
          .build());
      out.add(MethodSpec.methodBuilder(lazy).addModifiers(Modifier.PUBLIC).returns(returns(r, kind))
          .addParameter(names.type(r.owner()), "value").addParameter(names.runtimeClass("PageRequest"), "request")
          .addJavadoc(doc("Access pattern: $L of a $L, as {@link #$L(java.lang.String, PageRequest)} with its id.\n\n"
                  + "@param value the $L\n@param request the page size, the order, and a cursor to start after (or none)\n"
                  + "@return $L\n@throws NullPointerException when an argument is null\n"
                  + "@throws IllegalArgumentException (when the first page is read) when the request's nextToken is not one of\n"
                  + "        this relation, parent and order (nothing is read)\n"
                  + "@throws ValidationErrorException (when a page is read) when DynamoDB refuses the request as invalid\n",
              kind == Kind.STREAM ? "every linked {@code " + r.target() + "} item, lazily," : "the pages of the linked {@code "
                  + r.target() + "} items, lazily,", r.owner(), lazy, r.owner(),
              kind == Kind.STREAM ? "the items, in the request's order" : "the pages; each {@code iterator()} starts again"))
          .addStatement("$T.requireNonNull(value, $S)", OBJECTS, "value")
          .addStatement("return $N(value.id(), request)", lazy)
          .build());
    }
    return out;
  }

  /**
   * The connect and disconnect methods of a {@code @manyToMany} relation, on side {@code a}'s repository, as its
   * {@code add<R>} and {@code remove<R>} mutations write.
   */
  java.util.List<MethodSpec> linkMethods(io.singletable.model.ManyToManyModel m) {
    String a = JavaIdentifiers.member(m.aIdField());
    String b = JavaIdentifiers.member(m.bIdField());
    String params = "@param " + a + " the id of the " + m.aType() + "\n@param " + b + " the id of the " + m.bType() + "\n";
    MethodSpec add = MethodSpec.methodBuilder(owner.methodName("link " + m.name())).addModifiers(Modifier.PUBLIC)
        .addParameter(STRING, a).addParameter(STRING, b)
        .addJavadoc(doc("Links a $L and a $L (the many-to-many relation {@code $L}), as {@code Mutation.$L} does:\n$L "
                + "TransactWriteItems checking both items, putting their join item and recording each id in the other's link\n"
                + "head. Linking them again changes nothing.$L\n\n$L"
                + "@throws NullPointerException when an id is null\n"
                + "@throws InvalidIdException when an id is empty or contains {@code #} or a control character (nothing is written)\n"
                + "@throws NotFoundException when an id names no item of its type (nothing is written)\n"
                + (sorted(m) ? "@throws ConflictException when one of the items changed between the read and the write in each attempt\n"
                    + "        of the retry policy (nothing is written)\n" : "")
                + "@throws TransactionConflictException when another transaction held one of the items in each attempt (nothing is\n"
                + "        written; retry)\n"
                + "@throws ValidationErrorException when DynamoDB refuses the request as invalid (e.g. a key over its size limit)\n"
                + "@throws DataAccessException ({@code Interrupted}) when the thread is interrupted while waiting to retry\n",
            m.aType(), m.bType(), m.name(), m.addMutation(),
            sorted(m) ? "one consistent BatchGetItem of both items, then one" : "one", sorted(m) ? sortedLinkDoc(m) : "",
            params))
        .addCode(linkBody(m, true, false))
        .build();
    MethodSpec remove = MethodSpec.methodBuilder(owner.methodName("unlink " + m.name())).addModifiers(Modifier.PUBLIC)
        .addParameter(STRING, a).addParameter(STRING, b)
        .addJavadoc(doc("Unlinks a $L and a $L (the many-to-many relation {@code $L}), as {@code Mutation.$L} does: one\n"
                + "TransactWriteItems deleting their join item and each id from the other's link head. Unlinking items that\n"
                + "are not linked changes nothing.\n\n$L"
                + "@throws NullPointerException when an id is null\n"
                + "@throws InvalidIdException when an id is empty or contains {@code #} or a control character (nothing is written)\n"
                + "@throws TransactionConflictException when another transaction held one of the items in each attempt (nothing is\n"
                + "        written; retry)\n"
                + "@throws ValidationErrorException when DynamoDB refuses the request as invalid (e.g. a key over its size limit)\n"
                + "@throws DataAccessException ({@code Interrupted}) when the thread is interrupted while waiting to retry\n",
            m.aType(), m.bType(), m.name(), m.removeMutation(), params))
        .addCode(linkBody(m, false, false))
        .build();
    return java.util.List.of(add, remove);
  }

  /**
   * The body of a connect ({@code link}) or disconnect method, both flavours: the ids checked, then for a connect the
   * join item the resolver writes, and the runtime's {@code link}/{@code unlink}, returned (a future in the async one).
   */
  CodeBlock linkBody(io.singletable.model.ManyToManyModel m, boolean connect, boolean returned) {
    String ret = returned ? "return " : "";
    String a = JavaIdentifiers.member(m.aIdField());
    String b = JavaIdentifiers.member(m.bIdField());
    CodeBlock.Builder out = CodeBlock.builder()
        .addStatement("$T.requireNonNull($N, $S)", OBJECTS, a, a).addStatement("$T.requireNonNull($N, $S)", OBJECTS, b, b)
        .addStatement("checkId($S, $S, $N)", m.aType(), "id", a).addStatement("checkId($S, $S, $N)", m.bType(), "id", b);
    if (!connect) {
      return out.addStatement("$Lunlink($S, $N, $N)", ret, m.name(), a, b).build();
    }
    if (sorted(m)) {
      return out.add(sortedLink(m, ret, a, b)).build();
    }
    return out
        .addStatement("$Llink($S, $S, $N, $T.$N($N), $S, $N, $T.$N($N), $L)", ret, m.name(), m.aType(), a,
            codec, names.nodeKey(m.aType()), a, m.bType(), b, codec, names.nodeKey(m.bType()), b,
            joinItem(m, a, b, CodeBlock.of(""), CodeBlock.of("")))
        .build();
  }

  /**
   * The codec's join item of ids {@code a} and {@code b}, each side's sort key from the other item's values
   * ({@code bValues}: the b item's values side a sorts by, each followed by a comma; none for an unsorted side).
   */
  private CodeBlock joinItem(io.singletable.model.ManyToManyModel m, String a, String b, CodeBlock bValues,
      CodeBlock aValues) {
    return CodeBlock.of("$T.$N($N, $N, $T.$N($L$N), $T.$N($L$N))", codec, names.joinItem(m), a, b, codec,
        names.sortKey(m.a()), bValues, b, codec, names.sortKey(m.b()), aValues, a);
  }

  /** Whether either side of a {@code @manyToMany} relation sorts by the other type's fields. */
  static boolean sorted(io.singletable.model.ManyToManyModel m) {
    return !m.a().sortBy().isEmpty() || !m.b().sortBy().isEmpty();
  }

  /**
   * The connect of a relation with {@code sortBy}: the runtime reads both items and makes the join item from them, with
   * each side's sort key of the other item's values as the codec encodes them (the a item's fields for side b's key).
   */
  private CodeBlock sortedLink(io.singletable.model.ManyToManyModel m, String ret, String a, String b) {
    CodeBlock.Builder out = CodeBlock.builder()
        .add("$Llink($S, $S, $N, $T.$N($N), $L, $S, $N, $T.$N($N), $L, (__aItem, __bItem) -> {\n$>", ret, m.name(),
            m.aType(), a, codec, names.nodeKey(m.aType()), a, fieldList(m.b()), m.bType(), b, codec,
            names.nodeKey(m.bType()), b, fieldList(m.a()));
    if (!m.b().sortBy().isEmpty()) {
      out.addStatement("$T __a = $T.$N(__aItem)", names.type(m.aType()), codec, names.fromItem(m.aType()));
    }
    if (!m.a().sortBy().isEmpty()) {
      out.addStatement("$T __b = $T.$N(__bItem)", names.type(m.bType()), codec, names.fromItem(m.bType()));
    }
    return out
        .addStatement("return $L", joinItem(m, a, b, sortValues(m.a(), "__b"), sortValues(m.b(), "__a")))
        .add("$<});\n")
        .build();
  }

  /** The connect's Javadoc on the sort keys its join item holds. */
  private String sortedLinkDoc(io.singletable.model.ManyToManyModel m) {
    StringBuilder out = new StringBuilder("\n<p>The join item holds");
    java.util.List<String> parts = new ArrayList<>();
    for (RelationModel r : java.util.List.of(m.a(), m.b())) {
      if (!r.sortBy().isEmpty()) {
        parts.add(" the " + r.target() + "'s " + String.join(", ", r.sortBy().stream().map(f -> "{@code " + f.field() + "}")
            .toList()) + "\n(the order of {@code " + r.id() + "})");
      }
    }
    out.append(String.join(" and", parts)).append(" as read; the check of each\n"
        + "item requires them unchanged, and when one changed meanwhile both are read again and the link retried (one\n"
        + "consistent BatchGetItem and one TransactWriteItems per attempt). An update of such a field rewrites the join items.");
    return out.toString();
  }

  /** {@code List.of(<the fields side r sorts by>)}: the fields of its target a connect checks as read. */
  private CodeBlock fieldList(RelationModel r) {
    return CodeBlock.of("$T.of($L)", LIST, CodeBlock.join(r.sortBy().stream()
        .map(f -> CodeBlock.of("$S", f.field())).toList(), ", "));
  }

  /** The sort key arguments of side {@code r} but the id: each sortBy value of {@code entity}, then a comma. */
  static CodeBlock sortValues(RelationModel r, String entity) {
    CodeBlock.Builder out = CodeBlock.builder();
    for (SortField s : r.sortBy()) {
      out.add("$N.$N(), ", entity, JavaIdentifiers.member(s.field()));
    }
    return out.build();
  }

  /** What a relation method returns. */
  private enum Kind { PAGE, STREAM, PAGES }

  private TypeName returns(RelationModel r, Kind kind) {
    TypeName element = names.type(r.target());
    TypeName page = ParameterizedTypeName.get(names.runtimeClass("Page"), element);
    return switch (kind) {
      case PAGE -> page;
      case STREAM -> ParameterizedTypeName.get(STREAM, element);
      case PAGES -> ParameterizedTypeName.get(ITERABLE, page);
    };
  }

  String parentId(RelationModel r) {
    return JavaIdentifiers.member(OperationNames.lowerFirst(r.owner()) + "Id");
  }

  /** The Java type of the relation's first sort field. */
  private TypeName firstSortType(RelationModel r) {
    SortField s = r.sortBy().get(0);
    return names.javaType(s.type(), s.enumType()).box();
  }

  TypeName rangeType(RelationModel r) {
    return ParameterizedTypeName.get(names.runtimeClass("SortRange"), firstSortType(r));
  }

  private String rangeDoc(RelationModel r) {
    return "only those whose {@code " + r.sortBy().get(0).field() + "} is in {@code range}";
  }

  private String rangeParam(RelationModel r) {
    SortField s = r.sortBy().get(0);
    SortKeyComponent c = r.sortComponents().get(0);
    return "@param range the range of {@code " + s.field() + "}, bounds included"
        + (c.encoding() == SortEncoding.STRING && c.lowerCase() ? ", compared lower-cased" : "")
        + " (a key condition: items\n        outside it are not read; items without a {@code " + s.field() + "} are in no range)\n";
  }

  private String order(RelationModel r) {
    return r.sortBy().isEmpty() ? "by id"
        : "by " + String.join(", ", r.sortBy().stream().map(SortField::field).toList()) + ", then id";
  }

  private static final String RANGE_THROWS = "@throws IllegalArgumentException when the request's nextToken is not one of this relation, parent, order\n"
      + "        and range (nothing is read), or the range is refused: its end before its start, a bound that is no value\n"
      + "        of the field, {@code beginsWith} on a field not sorted as text\n";

  private static final String TOKEN_THROWS = "@throws IllegalArgumentException when the request's nextToken is not one of this relation, parent and order\n"
      + "        (nothing is read)\n";

  private MethodSpec query(RelationModel r, String name, boolean range) {
    String parentId = parentId(r);
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC)
        .returns(returns(r, Kind.PAGE))
        .addParameter(STRING, parentId);
    if (range) {
      m.addParameter(rangeType(r), "range");
    }
    m.addParameter(names.runtimeClass("PageRequest"), "request")
        .addJavadoc(doc("Access pattern: the {@code $L} items of a $L, $L$L$L. $L Cost: one Query of {@code $L}\n"
            + "({@code $L = $L#<id>}$L).\n\n@param $L the id of the $L\n$L@param request the limit, order and cursor\n"
            + "@return the page; {@code nextToken} continues it (with the same relation, parent, order$L)\n"
            + "@throws NullPointerException when an argument is null\n"
            + "@throws InvalidIdException when the id is empty or contains {@code #} or a control character (nothing is read)\n"
            + "$L"
            + "@throws ValidationErrorException when DynamoDB refuses the request as invalid (e.g. a key over its size limit)\n",
            r.target(), r.owner(), order(r), r.onlyIf() == null ? "" : ", only those whose {@code " + r.onlyIf() + "} is true",
            range ? ", " + rangeDoc(r) : "", range ? "GraphQL: none (the field has no range argument)." : graphql(r),
            r.indexName(), r.partitionAttribute(), r.target(),
            range ? " and a condition on {@code " + r.sortAttribute() + "}" : "", parentId, r.owner(),
            range ? rangeParam(r) : "",
            range ? " and range" : "", range ? RANGE_THROWS : TOKEN_THROWS))
        .addStatement("$T.requireNonNull($N, $S)", OBJECTS, parentId, parentId);
    if (range) {
      m.addStatement("$T.requireNonNull(range, $S)", OBJECTS, "range");
    }
    m.addStatement("$T.requireNonNull(request, $S)", OBJECTS, "request")
        .addStatement("checkId($S, $S, $N)", r.owner(), "id", parentId);
    return m.addStatement("return $L", pageCall(r, range)).build();
  }

  /** The call of the runtime's {@code queryPage} of a relation's page (both flavours have it). */
  CodeBlock pageCall(RelationModel r, boolean range) {
    CodeBlock condition = range ? condition(r) : CodeBlock.of("null");
    return CodeBlock.of("queryPage($S, $S, $S, $T.$N($N), $L, request, $L, $L)", r.indexName(),
        r.partitionAttribute(), r.sortAttribute(), codec, names.partitionKey(r), parentId(r), condition, decoder(r),
        typenames(r));
  }

  /** The sort-key condition of {@code range}, from the codec's encoding of the first sort field. */
  CodeBlock condition(RelationModel r) {
    SortKeyComponent c = r.sortComponents().get(0);
    return CodeBlock.of("sortCondition(range, $T::$N, $L, $S)", codec, names.sortPrefix(r),
        c.encoding() == SortEncoding.STRING, r.sortBy().get(0).field());
  }

  /** The stream or the pages of a {@code @hasMany}, by the owner's id: lazily, page after page. */
  private MethodSpec lazy(RelationModel r, String page, String name, boolean range, Kind kind) {
    String parentId = parentId(r);
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC)
        .returns(returns(r, kind))
        .addParameter(STRING, parentId);
    if (range) {
      m.addParameter(rangeType(r), "range");
    }
    String pageRef = "{@link #" + page + "(java.lang.String, " + (range ? "SortRange, " : "") + "PageRequest)}";
    String what = kind == Kind.STREAM
        ? "Access pattern: every {@code $L} item of a $L, $L$L, lazily: a sequential stream that reads the\n"
            + "next page (" + pageRef + ") only when it needs its first item, so a stream cut short (e.g.\n"
            + "{@code limit(n)}, {@code findFirst()}) reads no further page. Closing it is harmless. $L Cost: one Query of\n"
            + "{@code $L} per page reached.\n\n"
        : "Access pattern: the pages of the {@code $L} items of a $L, $L$L, lazily: each iteration starts at\n"
            + "{@code request} and reads one page (" + pageRef + ") per step, up to the page without\n"
            + "{@code nextToken} (which may be empty). $L Cost: one Query of {@code $L} per page reached.\n\n";
    m.addParameter(names.runtimeClass("PageRequest"), "request")
        .addJavadoc(doc(what + "@param $L the id of the $L\n$L@param request $L\n@return $L\n"
            + "@throws NullPointerException when an argument is null\n"
            + "@throws InvalidIdException when the id is empty or contains {@code #} or a control character (nothing is read)\n"
            + "$L"
            + "@throws ValidationErrorException (when a page is read) when DynamoDB refuses the request as invalid\n",
            r.target(), r.owner(), order(r), range ? ", " + rangeDoc(r) : "", range ? "GraphQL: none." : graphql(r),
            r.indexName(), parentId, r.owner(), range ? rangeParam(r) : "",
            kind == Kind.STREAM ? "the page size (each Query's limit), the order, and a cursor to start after (or none)"
                : "the first page: limit, order, and a cursor to start after (or none)",
            kind == Kind.STREAM ? "the items, in the request's order" : "the pages; each {@code iterator()} starts again",
            (range ? "@throws IllegalArgumentException when the range is refused (at once: its end before its start, a bound\n"
                + "        that is no value of the field, {@code beginsWith} on a field not sorted as text), or (when the first\n"
                + "        page is read) the request's nextToken is not one of this relation, parent, order and range\n"
                : "@throws IllegalArgumentException (when the first page is read) when the request's nextToken is not one of\n"
                + "        this relation, parent and order (nothing is read)\n")))
        .addStatement("$T.requireNonNull($N, $S)", OBJECTS, parentId, parentId);
    if (range) {
      m.addStatement("$T.requireNonNull(range, $S)", OBJECTS, "range");
    }
    m.addStatement("$T.requireNonNull(request, $S)", OBJECTS, "request")
        .addStatement("checkId($S, $S, $N)", r.owner(), "id", parentId);
    if (range) {
      m.addCode("// a refused range fails at once, not when the first page is read\n").addStatement("$L", condition(r));
    }
    return m
        .addStatement("return $N(request, __next -> $N($N, $L__next))",
            kind == Kind.STREAM ? "lazyItems" : "lazyPages", page, parentId, range ? "range, " : "")
        .build();
  }

  /** A method of a {@code @hasMany} of an owner entity: the same as by its id. */
  private MethodSpec queryOf(RelationModel r, String page, String name, boolean range, Kind kind) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC)
        .returns(returns(r, kind))
        .addParameter(names.type(r.owner()), "value");
    if (range) {
      m.addParameter(rangeType(r), "range");
    }
    String ref = "{@link #" + name + "(java.lang.String, " + (range ? "SortRange, " : "") + "PageRequest)}";
    return m.addParameter(names.runtimeClass("PageRequest"), "request")
        .addJavadoc(doc("Access pattern: $L of a $L, as $L with its id.\n\n"
            + "@param value the $L\n$L@param request $L\n@return $L\n"
            + "@throws NullPointerException when an argument is null\n"
            + "$L"
            + "@throws ValidationErrorException when DynamoDB refuses the request as invalid (e.g. a key over its size limit)\n",
            switch (kind) {
              case PAGE -> "a page of the {@code " + r.target() + "} items";
              case STREAM -> "every {@code " + r.target() + "} item, lazily,";
              case PAGES -> "the pages of the {@code " + r.target() + "} items, lazily,";
            }, r.owner(), ref, r.owner(),
            range ? rangeParam(r) : "",
            kind == Kind.STREAM ? "the page size, the order, and a cursor to start after (or none)" : "the limit, order and cursor",
            switch (kind) {
              case PAGE -> "the page; {@code nextToken} continues it";
              case STREAM -> "the items, in the request's order";
              case PAGES -> "the pages; each {@code iterator()} starts again";
            },
            range ? RANGE_THROWS : TOKEN_THROWS))
        .addStatement("$T.requireNonNull(value, $S)", OBJECTS, "value")
        .addStatement("return $N(value.id(), $Lrequest)", name, range ? "range, " : "")
        .build();
  }

  private MethodSpec single(RelationModel r, String name) {
    TypeName element = names.type(r.target());
    EntityModel holder = model.entity(r.owner()).orElseThrow();
    String key = "value." + JavaIdentifiers.member(r.keyField()) + "()";
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(OPTIONAL, element))
        .addParameter(names.type(holder.name()), "value")
        .addJavadoc(doc("Access pattern: the {@code $L} whose id a $L holds in {@code $L}. $L Cost: one GetItem.\n\n"
            + "@param value the $L\n@return the related item, or empty (no id or an invalid one, no such item, another type)\n"
            + "@throws NullPointerException when the value is null\n"
            + "@throws ValidationErrorException when DynamoDB refuses the request as invalid (e.g. a key over its size limit)\n",
            r.target(), r.owner(), r.keyField(), graphql(r), r.owner()))
        .addStatement("$T.requireNonNull(value, $S)", java.util.Objects.class, "value")
        .beginControlFlow("if ($L == null || !$T.isId($L))", key, names.valuesClass(), key)
        .addStatement("return $T.empty()", OPTIONAL)
        .endControlFlow();
    if (concrete(r)) {
      return m.addStatement("return access.$N().$N($L)", owner.repositoryAccessor(r.target()), owner.getName(r.target()),
          key).build();
    }
    return m.addStatement("return readNode($T.$N($L), $L, $L, $L)", codec, names.nodeKey(r.concreteTargets().get(0)),
        key, key, decoder(r), typenames(r)).build();
  }

  private MethodSpec batch(RelationModel r, String name) {
    TypeName element = names.type(r.target());
    EntityModel holder = model.entity(r.owner()).orElseThrow();
    String ids = "value." + JavaIdentifiers.member(r.keyField()) + "()";
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(LIST, element))
        .addParameter(names.type(holder.name()), "value")
        .addJavadoc(doc("Access pattern: the {@code $L} items whose ids a $L holds in {@code $L}, in that order. $L Cost: one\n"
            + "BatchGetItem per 100 distinct ids (the resolver refuses more than 100), unprocessed keys retried.\n\n"
            + "@param value the $L\n@return one element per id: the item, or null (an invalid id, missing, another type)\n"
            + "@throws NullPointerException when the value is null\n"
            + "@throws DataAccessException ({@code UnprocessedKeys}) when keys stay unprocessed {@link #MAX_BATCH_ATTEMPTS}\n"
            + "        times, or ({@code Interrupted}) when the thread is interrupted while waiting to retry\n"
            + "@throws ValidationErrorException when DynamoDB refuses the request as invalid (e.g. a key over its size limit)\n",
            r.target(), r.owner(), r.keyField(), graphql(r), r.owner()))
        .addStatement("$T.requireNonNull(value, $S)", java.util.Objects.class, "value")
        .beginControlFlow("if ($L == null)", ids)
        .addStatement("return new $T<>()", ArrayList.class)
        .endControlFlow();
    if (concrete(r)) {
      return m.addStatement("return access.$N().$N($L)", owner.repositoryAccessor(r.target()),
          owner.batchGetName(r.target()), ids).build();
    }
    return m.addStatement("return readNodes($L, $T::$N, $L, $L)", ids, codec, names.nodeKey(r.concreteTargets().get(0)),
        decoder(r), typenames(r)).build();
  }

  /**
   * A Javadoc block whose runtime type names ({@code InvalidIdException}, {@code Page}, …) are references, so
   * that they are imported (or qualified) like the code's.
   */
  private CodeBlock doc(String format, Object... args) {
    return names.javadocLinkingRuntime(JavaNames.formatText(format, args));
  }
}
