package io.singletable.model;

/**
 * One component of a {@code @hasMany} sort key.
 *
 * @param field field of the related type
 * @param type its type (same in every member of an abstract target)
 * @param enumType true when the type is a GraphQL enum
 */
public record SortField(String field, TypeRef type, boolean enumType) {}
