package io.tollgate.identity.internal;

import io.tollgate.identity.SingleSignOn;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/** Reads the single sign-on settings from the environment; off when the issuer is not set. */
@Configuration
class SingleSignOnConfig {

  @Bean
  SingleSignOn singleSignOn(
      @Value("${TOLLGATE_OIDC_ISSUER:}") String issuer,
      @Value("${TOLLGATE_OIDC_CLIENT_ID:}") String clientId,
      @Value("${TOLLGATE_OIDC_CLIENT_SECRET:}") String clientSecret,
      @Value("${TOLLGATE_OIDC_USERNAME_CLAIM:preferred_username}") String usernameClaim,
      @Value("${TOLLGATE_OIDC_GROUPS_CLAIM:groups}") String groupsClaim,
      @Value("${TOLLGATE_OIDC_ROLE_MAPPING:}") String mapping) {
    return new SingleSignOn(
        issuer,
        clientId,
        clientSecret,
        usernameClaim,
        groupsClaim,
        SingleSignOn.parseMapping(mapping));
  }

  /**
   * The provider's registration, read from its discovery document on first use rather than at
   * start-up, so that Tollgate starts while the provider is down; a failed read is tried again.
   */
  static final class LazyRegistration implements ClientRegistrationRepository {
    private final SingleSignOn settings;
    private volatile ClientRegistration registration;

    LazyRegistration(SingleSignOn settings) {
      this.settings = settings;
    }

    @Override
    public ClientRegistration findByRegistrationId(String id) {
      if (!SingleSignOn.REGISTRATION.equals(id)) return null;
      ClientRegistration known = registration;
      if (known == null) {
        synchronized (this) {
          if (registration == null) {
            registration =
                ClientRegistrations.fromIssuerLocation(settings.issuer())
                    .registrationId(SingleSignOn.REGISTRATION)
                    .clientId(settings.clientId())
                    .clientSecret(settings.clientSecret())
                    .scope("openid", "profile", "email")
                    .userNameAttributeName(settings.usernameClaim())
                    .build();
          }
          known = registration;
        }
      }
      return known;
    }
  }
}
