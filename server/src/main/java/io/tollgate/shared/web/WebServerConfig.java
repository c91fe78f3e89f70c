package io.tollgate.shared.web;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded Tomcat's edge: see {@link EdgeValve}; timeouts are in application.yml. */
@Configuration
class WebServerConfig {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> edgeValve() {
    return factory -> factory.addEngineValves(new EdgeValve());
  }
}
