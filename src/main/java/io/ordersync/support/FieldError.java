package io.ordersync.support;

/** One problem with an input, named by its path (a JSON path in the canonical order, an element of a SOAP request). */
public record FieldError(String field, String message) {}
