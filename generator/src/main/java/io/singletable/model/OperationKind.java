package io.singletable.model;

/** What an operation does to one entity. */
public enum OperationKind {
  GET,
  CREATE,
  UPDATE,
  DELETE
}
