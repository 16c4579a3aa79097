package io.singletable.model;

import io.singletable.diag.SourceSpan;

/**
 * A {@code @unique} field: a unique item {@code <Type>#<field>#<value>} guards it.
 *
 * @param field the field name
 * @param type its type (a non-list scalar or enum)
 * @param ignoreCase value lower-cased in the key
 * @param span where the directive is
 */
public record UniqueModel(String field, TypeRef type, boolean ignoreCase, SourceSpan span) {
}
