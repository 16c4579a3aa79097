package io.singletable.model;

/**
 * One component of a {@code @hasMany} sort key ({@code SKnn}): the bucket ({@link #nullBucket} for a null
 * value, {@link StorageLayout#VALUE_BUCKET} then the encoded value otherwise), then U+0001.
 *
 * @param field the sort field
 * @param encoding how its value is encoded
 * @param lowerCase the value is lower-cased first ({@code ignoreCase}, {@link SortEncoding#STRING} only)
 * @param nullBucket the bucket of a null value: {@code 0} ({@code nulls: FIRST}) or {@code 2} ({@code LAST})
 * @param maxUnits UTF-16 units a string or enum value is cut to ({@link StorageLayout#SORT_KEY_UNITS}
 *     shared by the string components)
 */
public record SortKeyComponent(SortField field, SortEncoding encoding, boolean lowerCase, String nullBucket,
    int maxUnits) {}
