package io.tollgate.automation.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The pipeline's callback carries the deployment's own token, not a person's: it passes the
 * person-token chain, and {@link DeploymentApi#report} checks the token against the deployment.
 */
@Configuration
class CallbackSecurity {
  @Bean
  @Order(0)
  SecurityFilterChain deploymentCallback(HttpSecurity http) throws Exception {
    http.securityMatcher("/api/v1/deployments/*/status")
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .logout(l -> l.disable())
        .securityContext(c -> c.requireExplicitSave(true))
        .authorizeHttpRequests(a -> a.anyRequest().permitAll());
    return http.build();
  }
}
