package io.tollgate.notify.internal;

import io.tollgate.identity.UserManagement;
import io.tollgate.notes.NotesContext;
import io.tollgate.notes.NotesRenderer;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The release notes an announcement carries, rendered when the message is: for stakeholders and
 * support the whole notes through the process's template ({@code notesMarkdown}, {@code
 * notesHtml}); for customers support's version, the customer-facing fields alone ({@code
 * customerNotesMarkdown}, {@code customerNotesHtml}).
 */
@Component
class AnnouncedNotes {
  private final ReleaseManagement releases;
  private final UserManagement users;

  AnnouncedNotes(ReleaseManagement releases, UserManagement users) {
    this.releases = releases;
    this.users = users;
  }

  /** Adds the whole notes of the release to the message's context. */
  void internal(String releaseId, Map<String, Object> context) {
    Release r = releases.get(Actor.SYSTEM, releaseId);
    String markdown = NotesRenderer.markdown(r.process().notes(), context(r), r.notes());
    context.put("notesMarkdown", markdown.strip());
    context.put("notesHtml", NotesRenderer.html(markdown));
  }

  /**
   * Adds support's version of the notes to the message's context.
   *
   * @throws Messages.NothingToSay when support wrote no customer-facing notes
   */
  void forCustomers(String releaseId, Map<String, Object> context) {
    Release r = releases.get(Actor.SYSTEM, releaseId);
    String markdown = NotesRenderer.customerMarkdown(r.process().notes(), r.notes());
    if (markdown.isBlank()) {
      throw new Messages.NothingToSay(
          "nothing to send: support wrote no customer-facing notes for this release");
    }
    context.put("customerNotesMarkdown", markdown.strip());
    context.put("customerNotesHtml", NotesRenderer.html(markdown));
  }

  private NotesContext context(Release r) {
    String manager =
        users
            .find(r.createdBy())
            .map(u -> u.displayName() + " (" + u.username() + ")")
            .orElse(r.createdBy());
    return r.notesContext(manager);
  }
}
