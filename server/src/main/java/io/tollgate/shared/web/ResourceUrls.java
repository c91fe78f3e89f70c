package io.tollgate.shared.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Turns off Spring's {@link ResourceUrlEncodingFilter}, which Spring Boot registers because the
 * WebJars locator is on the class path. It rewrites every link a page writes ({@code @{...}})
 * through the static-resource chain, so each link to a release or a product was looked up as a file
 * in every static location and jar, and not found, which is never cached: on the board (50 rows of
 * links) that was 40% of its time (issue 13, a JFR profile of {@code bench/history.sh}). Tollgate
 * uses no versioned resource URLs, so the rewriting changed nothing; version-less WebJar URLs
 * ({@code /webjars/htmx.org/dist/htmx.min.js}) are still resolved when they are requested.
 */
@Configuration(proxyBeanMethods = false)
class ResourceUrls {
  @Bean
  FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
    FilterRegistrationBean<ResourceUrlEncodingFilter> off =
        new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
    off.setEnabled(false);
    return off;
  }
}
