package io.tollgate.release.web;

import io.tollgate.identity.UserManagement;
import io.tollgate.notes.NotesContext;
import io.tollgate.release.Release;
import org.springframework.stereotype.Component;

/** What the notes template says about a release besides its notes, for the API and the pages. */
@Component
class NotesContexts {
  private final UserManagement users;

  NotesContexts(UserManagement users) {
    this.users = users;
  }

  /** The release's notes context, naming its release manager as "Display Name (username)". */
  NotesContext of(Release r) {

    String manager =
        users
            .find(r.createdBy())
            .map(u -> u.displayName() + " (" + u.username() + ")")
            .orElse(r.createdBy());
    return r.notesContext(manager);
  }
}
