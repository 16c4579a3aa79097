package io.singletable.model;

/**
 * How the unique items of a {@code @unique} field are keyed: {@code PK = prefix + value}, the value as
 * text, or its number encoding for a {@code Float} (so that {@code 4} and {@code 4.0} name one key,
 * however a runtime prints the double), lower-cased when {@code ignoreCase}.
 *
 * @param prefix {@code <Type>#<field>#}
 * @param number the value is its order-preserving number encoding ({@code Float})
 * @param lowerCase the value's text is lower-cased ({@code ignoreCase})
 * @param letters the value's text can hold letters, so that {@code lowerCase} can change a key (not for
 *     {@code Int}, {@code Float}, {@code AWSTimestamp}, {@code Boolean})
 */
public record UniqueKeyFormat(String prefix, boolean number, boolean lowerCase, boolean letters) {}
