package io.tollgate.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * A real OpenID Connect provider for the tests: Spring Authorization Server on a random port, with
 * its own login form, people with passwords and groups (as an ID token claim), and a client whose
 * redirect URI is registered once Tollgate's port is known.
 */
final class OidcTestProvider implements AutoCloseable {
  static final String CLIENT_ID = "tollgate";
  static final String CLIENT_SECRET = "tollgate-test-secret";
  static final String PASSWORD = "provider password";

  /** The people the provider knows, with their groups. */
  static final Map<String, List<String>> PEOPLE =
      Map.of(
          "olga", List.of("shop-qa", "shop-ops"),
          "pete", List.of("shop-dev"),
          "dora", List.of());

  private final ConfigurableApplicationContext context;

  private OidcTestProvider(ConfigurableApplicationContext context) {
    this.context = context;
  }

  static OidcTestProvider start() {
    return new OidcTestProvider(
        new SpringApplicationBuilder(Config.class)
            .properties(
                "server.port=0",
                "server.address=127.0.0.1",
                // filters run only for requests mapped to a servlet; every endpoint is a filter
                "server.servlet.register-default-servlet=true",
                "spring.config.name=oidc-test-provider",
                "spring.main.banner-mode=off",
                "server.servlet.session.cookie.name=PROVIDER_SESSION")
            .run());
  }

  String issuer() {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** Registers Tollgate as a client, redirecting back to it on {@code port}. */
  void registerClient(int port) {
    InMemoryRegisteredClientRepository clients =
        context.getBean(InMemoryRegisteredClientRepository.class);
    if (clients.findByClientId(CLIENT_ID) != null) return;
    clients.save(
        RegisteredClient.withId(UUID.randomUUID().toString())
            .clientId(CLIENT_ID)
            .clientSecret("{noop}" + CLIENT_SECRET)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("http://127.0.0.1:" + port + "/login/oauth2/code/oidc")
            .scope(OidcScopes.OPENID)
            .scope(OidcScopes.PROFILE)
            .scope(OidcScopes.EMAIL)
            .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
            .build());
  }

  @Override
  public void close() {
    context.close();
  }

  // Not a @Configuration: the application's component scan would take it in.
  @ImportAutoConfiguration({
    TomcatServletWebServerAutoConfiguration.class,
    SecurityFilterAutoConfiguration.class
  })
  @EnableWebSecurity
  static class Config {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
      http.oauth2AuthorizationServer(
              server -> {
                http.securityMatcher(server.getEndpointsMatcher());
                server.oidc(Customizer.withDefaults());
              })
          .authorizeHttpRequests(a -> a.anyRequest().authenticated())
          .exceptionHandling(
              e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")));
      return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain login(HttpSecurity http) throws Exception {
      http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
          .formLogin(Customizer.withDefaults());
      return http.build();
    }

    @Bean
    UserDetailsService people() {
      return new InMemoryUserDetailsManager(
          PEOPLE.keySet().stream()
              .map(
                  name ->
                      User.withUsername(name).password("{noop}" + PASSWORD).roles("USER").build())
              .toList());
    }

    @Bean
    InMemoryRegisteredClientRepository clients() {
      // a placeholder until Tollgate's port is known; replaced by registerClient
      return new InMemoryRegisteredClientRepository(
          RegisteredClient.withId("placeholder")
              .clientId("placeholder")
              .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
              .build());
    }

    /** Puts the person's name, e-mail and groups into their ID token. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> claims() {
      return context -> {
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
          String name = context.getPrincipal().getName();
          context
              .getClaims()
              .claim("preferred_username", name)
              .claim("name", name.substring(0, 1).toUpperCase() + name.substring(1) + " Provider")
              .claim("email", name + "@idp.example")
              .claim("groups", PEOPLE.getOrDefault(name, List.of()));
        }
      };
    }

    @Bean
    JWKSource<SecurityContext> keys() throws Exception {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      var pair = generator.generateKeyPair();
      RSAKey key =
          new RSAKey.Builder((RSAPublicKey) pair.getPublic())
              .privateKey((RSAPrivateKey) pair.getPrivate())
              .keyID(UUID.randomUUID().toString())
              .build();
      return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
      return NimbusJwtDecoder.withJwkSource(keys).build();
    }

    @Bean
    AuthorizationServerSettings settings() {
      return AuthorizationServerSettings.builder().build();
    }
  }
}
