package io.tollgate.shared.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.shared.Invalid;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class OutboundUrlsTests {
  @Test
  void anyHttpHostByDefaultWithTheWarning() {
    OutboundUrls urls = new OutboundUrls("", false);
    assertThat(urls.check("https://ci.example.com/hooks/1", "executor.url").getHost())
        .isEqualTo("ci.example.com");
    assertThat(urls.check("http://127.0.0.1:8080/actuator/health", "url")).isNotNull();
    assertThat(urls.privateRangesAllowed()).isTrue();
    assertThat(urls.allowedHosts()).isEmpty();
  }

  @Test
  void onlyHttpAndHttpsWithAHostAndNoUserInfo() {
    OutboundUrls urls = new OutboundUrls("", false);
    for (String bad :
        new String[] {
          "ftp://ci.example.com/x",
          "file:///etc/passwd",
          "javascript:alert(1)",
          "http:///x",
          "https://user:pw@ci.example.com/",
          "not a url",
          ""
        }) {
      assertThatThrownBy(() -> urls.check(bad, "executor.url"))
          .as(bad)
          .isInstanceOfSatisfying(
              Invalid.class, e -> assertThat(e.field()).isEqualTo("executor.url"));
    }
  }

  @Test
  void theAllowListTakesNamesAndDomains() {
    OutboundUrls urls = new OutboundUrls(" ci.example.com, *.hooks.example.org ", false);
    assertThat(urls.check("https://CI.example.com/x", "url")).isNotNull();
    assertThat(urls.check("https://hooks.example.org/x", "url")).isNotNull();
    assertThat(urls.check("https://a.b.hooks.example.org/x", "url")).isNotNull();
    assertThatThrownBy(() -> urls.check("https://evilhooks.example.org/x", "checks[0].url"))
        .isInstanceOfSatisfying(
            Invalid.class,
            e -> {
              assertThat(e.field()).isEqualTo("checks[0].url");
              assertThat(e.getMessage()).contains("not on the allowed outbound hosts");
            });
  }

  @Test
  void privateRangesCanBeBlockedUnlessListedByName() throws Exception {
    OutboundUrls urls = new OutboundUrls("", true);
    assertThat(urls.privateRangesAllowed()).isFalse();
    for (String bad :
        new String[] {
          "http://127.0.0.1/",
          "http://10.1.2.3/",
          "http://192.168.0.1/",
          "http://172.20.0.1/",
          "http://169.254.169.254/latest/meta-data",
          "http://[::1]/",
          "http://[fd00::1]/"
        }) {
      assertThatThrownBy(() -> urls.check(bad, "url")).as(bad).hasMessageContaining("private");
    }
    assertThat(urls.check("http://93.184.215.14/", "url")).isNotNull();
    assertThat(new OutboundUrls("127.0.0.1", true).check("http://127.0.0.1/", "url")).isNotNull();
    assertThat(OutboundUrls.isPrivate(InetAddress.getByName("100.64.0.1"))).isTrue();
    assertThat(OutboundUrls.isPrivate(InetAddress.getByName("8.8.8.8"))).isFalse();
  }
}
