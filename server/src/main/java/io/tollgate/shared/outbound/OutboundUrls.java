package io.tollgate.shared.outbound;

import io.tollgate.shared.Invalid;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks a URL Tollgate will call (webhook executors, checks, notification channels): {@code http}
 * or {@code https} only, with a host, no user info, and a host on the allow-list ({@code
 * tollgate.outbound.allowed-hosts}, env {@code TOLLGATE_OUTBOUND_ALLOWED_HOSTS}: comma-separated
 * host names, {@code *.example.com} for a domain and its sub-domains; empty means any host).
 *
 * <p>With {@code tollgate.outbound.block-private} ({@code TOLLGATE_OUTBOUND_BLOCK_PRIVATE=true})
 * hosts that are or resolve to loopback, private, link-local or unique-local addresses are refused
 * too, unless listed on the allow-list by name. By default they are allowed (pipelines usually live
 * on the company network), and {@link #privateRangesAllowed()} tells the admin page to warn.
 */
@Component
public class OutboundUrls {
  private final List<String> allowedHosts;
  private final boolean blockPrivate;

  public OutboundUrls(
      @Value("${tollgate.outbound.allowed-hosts:}") String allowedHosts,
      @Value("${tollgate.outbound.block-private:false}") boolean blockPrivate) {
    this.allowedHosts =
        Arrays.stream(allowedHosts == null ? new String[0] : allowedHosts.split(","))
            .map(h -> h.trim().toLowerCase(Locale.ROOT))
            .filter(h -> !h.isEmpty())
            .toList();
    this.blockPrivate = blockPrivate;
  }

  /**
   * Refuses the URL with a 422 problem naming {@code field} unless Tollgate may call it.
   *
   * @return the parsed URL
   */
  public URI check(String url, String field) {
    if (url == null || url.isBlank()) throw Invalid.field(field, field + " is missing");
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw Invalid.field(field, field + " is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw Invalid.field(field, field + " must be an http or https URL");
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) throw Invalid.field(field, field + " has no host");
    if (uri.getRawUserInfo() != null) {
      throw Invalid.field(field, field + " must not carry a user name or password");
    }
    host = host.toLowerCase(Locale.ROOT);
    boolean listed = listed(host);
    if (!allowedHosts.isEmpty() && !listed) {
      throw Invalid.field(
          field,
          field
              + ": the host "
              + host
              + " is not on the allowed outbound hosts ("
              + String.join(", ", allowedHosts)
              + ")");
    }
    if (blockPrivate && !listed && resolvesPrivate(host)) {
      throw Invalid.field(
          field, field + ": the host " + host + " is on a private network, which is not allowed");
    }
    return uri;
  }

  /** Whether URLs may point into loopback and private ranges (the admin page warns then). */
  public boolean privateRangesAllowed() {
    return !blockPrivate;
  }

  /** The allow-list; empty when any host is allowed. */
  public List<String> allowedHosts() {
    return allowedHosts;
  }

  private boolean listed(String host) {
    for (String allowed : allowedHosts) {
      if (allowed.startsWith("*.")) {
        String domain = allowed.substring(2);
        if (host.equals(domain) || host.endsWith("." + domain)) return true;
      } else if (host.equals(allowed)) {
        return true;
      }
    }
    return false;
  }

  private static boolean resolvesPrivate(String host) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    try {
      for (InetAddress address : InetAddress.getAllByName(bare)) {
        if (isPrivate(address)) return true;
      }
      return false;
    } catch (UnknownHostException e) {
      return false; // cannot be reached at all; the call will fail with its own message
    }
  }

  /** Loopback, site-local (10/8, 172.16/12, 192.168/16), link-local, any-local, or fc00::/7. */
  public static boolean isPrivate(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isSiteLocalAddress()
        || address.isLinkLocalAddress()
        || address.isAnyLocalAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    if (bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc) return true; // unique local
    return bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64; // CGNAT
  }
}
