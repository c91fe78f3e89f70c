package io.tollgate.notify.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.notify.Channel;
import io.tollgate.notify.ChannelRequest;
import io.tollgate.notify.CustomerLists;
import io.tollgate.notify.Delivery;
import io.tollgate.notify.NotificationManagement;
import io.tollgate.notify.Subscription;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.ProblemStatuses;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Subscriptions, deliveries, stakeholders and support's customer list of a product (api.md
 * "Notifications").
 */
@RestController
@RequestMapping("/api/v1")
class NotificationApi {
  static final String SET = "…set";

  private final NotificationManagement notifications;
  private final CustomerLists customers;

  NotificationApi(NotificationManagement notifications, CustomerLists customers) {
    this.notifications = notifications;
    this.customers = customers;
  }

  record NewSubscription(List<String> events, ChannelRequest channel) {}

  /** A channel as shown: secret parts never, except a generated webhook secret once. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ChannelView(String kind, String url, List<String> to, String secret) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "Subscription")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SubscriptionView(
      String id,
      String product,
      List<String> events,
      ChannelView channel,
      @JsonProperty("default") boolean isDefault,
      String createdBy,
      Instant createdAt,
      String secret) {}

  record Stakeholders(List<String> emails) {}

  record CustomerList(List<String> emails) {}

  @Operation(
      operationId = "createSubscription",
      summary = "Subscribe a channel to a product's events (admin or the release manager)")
  @ProblemStatuses({403, 404, 422})
  @PostMapping(path = "/products/{key}/subscriptions", consumes = MediaType.APPLICATION_JSON_VALUE)
  @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.CREATED) // for the document
  ResponseEntity<SubscriptionView> create(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String key,
      @RequestBody NewSubscription body) {
    NotificationManagement.Created created =
        notifications.subscribe(actor, key, body.events(), body.channel());
    Subscription s = created.subscription();
    return ResponseEntity.created(
            URI.create("/api/v1/products/" + key + "/subscriptions/" + s.id()))
        .body(view(s, created.secret()));
  }

  @Operation(operationId = "listSubscriptions", summary = "List a product's subscriptions")
  @ProblemStatuses({403, 404})
  @GetMapping("/products/{key}/subscriptions")
  List<SubscriptionView> list(@AuthenticationPrincipal Actor actor, @PathVariable String key) {
    return notifications.subscriptions(actor, key).stream().map(s -> view(s, null)).toList();
  }

  @Operation(
      operationId = "deleteSubscription",
      summary = "Remove a subscription (admin or the release manager)")
  @ProblemStatuses({403, 404})
  @DeleteMapping("/products/{key}/subscriptions/{id}")
  @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.NO_CONTENT) // for the document
  ResponseEntity<Void> delete(
      @AuthenticationPrincipal Actor actor, @PathVariable String key, @PathVariable String id) {
    notifications.unsubscribe(actor, key, id);
    return ResponseEntity.noContent().build();
  }

  @Operation(
      operationId = "listDeliveries",
      summary = "List a product's deliveries, newest first, optionally by status")
  @ProblemStatuses({403, 404, 422})
  @GetMapping("/products/{key}/deliveries")
  List<Delivery> deliveries(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String key,
      @RequestParam(required = false) String status) {
    return notifications.deliveries(actor, key, status);
  }

  @Operation(
      operationId = "retryDelivery",
      summary = "Send a dead delivery again (admin or the release manager)")
  @ProblemStatuses({403, 404, 409})
  @PostMapping("/deliveries/{id}/retry")
  @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.ACCEPTED) // for the document
  ResponseEntity<Delivery> retry(@AuthenticationPrincipal Actor actor, @PathVariable long id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(notifications.retry(actor, id));
  }

  @Operation(
      operationId = "setStakeholders",
      summary = "Set a product's stakeholder list (admin or the release manager)")
  @ProblemStatuses({403, 404, 422})
  @PutMapping(path = "/products/{key}/stakeholders", consumes = MediaType.APPLICATION_JSON_VALUE)
  Stakeholders setStakeholders(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String key,
      @RequestBody Stakeholders body) {
    return new Stakeholders(notifications.setStakeholders(actor, key, body.emails()));
  }

  @Operation(operationId = "getStakeholders", summary = "Read a product's stakeholder list")
  @ProblemStatuses({403, 404})
  @GetMapping("/products/{key}/stakeholders")
  Stakeholders stakeholders(@AuthenticationPrincipal Actor actor, @PathVariable String key) {
    return new Stakeholders(notifications.stakeholders(actor, key));
  }

  @Operation(
      operationId = "setCustomers",
      summary =
          "Set a product's customer list, for customer-facing messages (support, the release"
              + " manager or admin)")
  @ProblemStatuses({403, 404, 422})
  @PutMapping(path = "/products/{key}/customers", consumes = MediaType.APPLICATION_JSON_VALUE)
  CustomerList setCustomers(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String key,
      @RequestBody CustomerList body) {
    return new CustomerList(customers.set(actor, key, body.emails()));
  }

  @Operation(operationId = "getCustomers", summary = "Read a product's customer list")
  @ProblemStatuses({403, 404})
  @GetMapping("/products/{key}/customers")
  CustomerList customers(@AuthenticationPrincipal Actor actor, @PathVariable String key) {
    return new CustomerList(customers.of(actor, key));
  }

  static SubscriptionView view(Subscription s, String shownSecret) {
    ChannelView channel;
    Channel c = s.channel();
    if (c instanceof Channel.Webhook w) {
      channel = new ChannelView("webhook", w.url(), null, shownSecret != null ? shownSecret : SET);
    } else if (c instanceof Channel.Email e) {
      channel = new ChannelView("email", null, e.to(), null);
    } else {
      Channel.Chat chat = (Channel.Chat) c;
      channel = new ChannelView(chat.kind(), "https://" + chat.host() + "/…", null, null);
    }
    return new SubscriptionView(
        s.id(),
        s.product(),
        s.events(),
        channel,
        s.isDefault(),
        s.createdBy(),
        s.createdAt(),
        shownSecret);
  }
}
