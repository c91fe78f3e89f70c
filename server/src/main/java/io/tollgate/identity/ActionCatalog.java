package io.tollgate.identity;

import java.util.Set;

/** The action names a token's scope may list: one per command of the API. */
public interface ActionCatalog {
  Set<String> actions();
}
