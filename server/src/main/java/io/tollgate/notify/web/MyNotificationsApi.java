package io.tollgate.notify.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.notify.Inbox;
import io.tollgate.notify.InboxEntry;
import io.tollgate.notify.Preferences;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.ProblemStatuses;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's notifications menu and preferences, as the web UI shows them. */
@RestController
@RequestMapping("/api/v1/me")
class MyNotificationsApi {
  private final Inbox inbox;

  MyNotificationsApi(Inbox inbox) {
    this.inbox = inbox;
  }

  record MyNotifications(long unread, List<InboxEntry> items) {}

  @Operation(
      operationId = "getMyNotifications",
      summary = "What waits on the caller: handoffs, escalations, incidents (newest first)")
  @GetMapping("/notifications")
  MyNotifications notifications(@AuthenticationPrincipal Actor me) {
    return new MyNotifications(inbox.unread(me.username()), inbox.entries(me));
  }

  @Operation(
      operationId = "getMyNotificationPreferences",
      summary = "The caller's notification preferences")
  @GetMapping("/notification-preferences")
  Preferences preferences(@AuthenticationPrincipal Actor me) {
    return inbox.preferences(me);
  }

  @Operation(
      operationId = "setMyNotificationPreferences",
      summary = "Set which event types the caller does not want by email, and muted products")
  @ProblemStatuses({422})
  @PutMapping(path = "/notification-preferences", consumes = MediaType.APPLICATION_JSON_VALUE)
  Preferences setPreferences(@AuthenticationPrincipal Actor me, @RequestBody Preferences body) {
    return inbox.setPreferences(me, body.emailOff(), body.mutedProducts());
  }
}
