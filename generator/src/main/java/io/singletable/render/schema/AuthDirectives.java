package io.singletable.render.schema;

import graphql.language.Directive;
import io.singletable.model.AbstractTypeModel;
import io.singletable.model.AuthProvider;
import io.singletable.model.Authentication;
import io.singletable.model.EntityModel;
import io.singletable.model.FieldModel;
import io.singletable.model.OperationNames;
import io.singletable.model.RelationModel;
import io.singletable.model.RelationShape;
import io.singletable.model.ServiceModel;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The AppSync authorization directives ({@code @aws_cognito_user_pools}, {@code @aws_iam}, {@code @aws_api_key}) of
 * the deployable schema. AppSync admits to a field only the providers its directives name; a field without any
 * takes its type's, and a type without any admits only the API's default provider. A field's directives replace its
 * type's (they are not intersected with them). So, when the API has more than one provider (the default plus the
 * additional ones the {@code @auth} rules need), every object type the API serves carries the directives of the
 * providers that may reach it, and every root field those of the type it returns or changes:
 * <ul>
 *   <li>a {@code @model} type with type-level rules: its rules' providers; without rules: every provider of the API;
 *   <li>a field of a {@code @model} type with field-level rules: its type's providers plus its rules' (the type's
 *       readers still reach the field, whose resolver then applies the field's rules);
 *   <li>a union or interface over models: the providers of its members (interfaces and unions carry no directive,
 *       but connections and root fields over them do);
 *   <li>a connection type: those of its element type;
 *   <li>any other object type (non-model types reachable from models): every provider of the API.
 * </ul>
 * {@code @aws_cognito_user_pools} is printed without {@code cognito_groups}: groups are checked in the resolvers.
 * With a single provider nothing is printed (AppSync's default applies), so schemas without {@code @auth} are
 * unchanged. A directive the author wrote is kept as written and not printed twice.
 */
final class AuthDirectives {
  private final ServiceModel model;
  private final Set<AuthProvider> api;
  private final boolean active;
  private final Map<String, String> connectionTargets = new HashMap<>();
  private final Map<String, AbstractTypeModel> abstractTypes = new HashMap<>();

  AuthDirectives(ServiceModel model, Authentication authentication) {
    this.model = model;
    this.api = model.apiAuthProviders(authentication);
    this.active = api.size() > 1;
    for (RelationModel r : model.indexedRelations()) {
      if (r.shape() == RelationShape.CONNECTION) {
        connectionTargets.putIfAbsent(OperationNames.connection(r.target()), r.target());
      }
    }
    model.abstractTypes().forEach(a -> abstractTypes.putIfAbsent(a.name(), a));
  }

  /** True when the API has more than one provider: only then are directives printed. */
  boolean active() {
    return active;
  }

  /** Every provider of the API, in enum order. */
  Set<AuthProvider> api() {
    return api;
  }

  /** The providers that may reach the object type, union or interface {@code name} (see the class comment). */
  Set<AuthProvider> type(String name) {
    if (!active) {
      return api; // printed as nothing: no lookups for the common single-provider API
    }
    EntityModel e = model.entity(name).orElse(null);
    if (e != null) {
      return e.auth().open() ? api : e.auth().providers();
    }
    AbstractTypeModel a = abstractTypes.get(name);
    if (a != null) {
      Set<AuthProvider> out = EnumSet.noneOf(AuthProvider.class);
      a.members().forEach(m -> out.addAll(type(m)));
      return out.isEmpty() ? api : out;
    }
    String target = connectionTargets.get(name);
    if (target != null) {
      return type(target);
    }
    return api;
  }

  /** The providers that may reach field {@code field} of object type {@code owner}, or null when it takes its type's. */
  Set<AuthProvider> field(String owner, String field) {
    if (!active) {
      return null;
    }
    FieldModel f = model.entity(owner).flatMap(e -> e.field(field)).orElse(null);
    if (f == null || f.auth().open()) {
      return null;
    }
    Set<AuthProvider> out = EnumSet.copyOf(type(owner));
    out.addAll(f.auth().providers());
    return out;
  }

  /** {@code " @aws_x @aws_y"} for the providers not already named by {@code written}, or empty when not active. */
  /**
   * The providers that may link or unlink items of a {@code @manyToMany} relation, and read its join type: those of
   * both its types (a caller must be admitted for each item); when no provider reaches both (no caller can link them),
   * those of either, so that the field stays reachable and its resolver refuses.
   */
  Set<AuthProvider> link(io.singletable.model.ManyToManyModel m) {
    if (!active) {
      return api;
    }
    Set<AuthProvider> both = EnumSet.noneOf(AuthProvider.class);
    both.addAll(type(m.aType()));
    both.retainAll(type(m.bType()));
    if (both.isEmpty()) {
      both.addAll(type(m.aType()));
      both.addAll(type(m.bType()));
    }
    return both;
  }

  String print(Set<AuthProvider> providers, List<Directive> written) {
    if (!active || providers == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (AuthProvider p : providers) {
      if (written.stream().noneMatch(d -> d.getName().equals(p.directive()))) {
        sb.append(" @").append(p.directive());
      }
    }
    return sb.toString();
  }
}
