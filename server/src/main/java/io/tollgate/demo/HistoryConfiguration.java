package io.tollgate.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * With {@code tollgate.demo.history=N}: the clock {@link HistoryGenerator} moves through the past.
 */
@Configuration
@ConditionalOnProperty("tollgate.demo.history")
class HistoryConfiguration {
  @Bean
  @Primary
  HistoryClock historyClock() {
    return new HistoryClock();
  }

  @Bean
  HistoryGenerator.Settings historySettings(org.springframework.core.env.Environment env) {
    return new HistoryGenerator.Settings(
        env.getProperty("tollgate.demo.history", Integer.class, 0),
        env.getProperty("tollgate.demo.history-products", Integer.class, 50),
        env.getProperty("tollgate.demo.history-active", Double.class, 0.1),
        env.getProperty("tollgate.demo.history-per-day", Double.class, 137.0),
        env.getProperty("tollgate.demo.history-seeds", Integer.class, 180));
  }
}
