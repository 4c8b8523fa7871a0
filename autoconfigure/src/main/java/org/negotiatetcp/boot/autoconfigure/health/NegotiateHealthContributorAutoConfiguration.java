package org.negotiatetcp.boot.autoconfigure.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;

import org.negotiatetcp.boot.autoconfigure.NegotiateServerAutoConfiguration;
import org.negotiatetcp.boot.context.NegotiateServerBootstrap;
import org.negotiatetcp.boot.health.KdcProbe;
import org.negotiatetcp.boot.health.NegotiateServerHealthIndicator;
import org.negotiatetcp.channel.ServerSettings;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * {@link NegotiateServerHealthIndicator} (health component {@code negotiate}) when Spring Boot's health support is
 * present and the server is configured. Turn it off with {@code management.health.negotiate.enabled=false}; add the
 * KDC check with {@code negotiate.tcp.health.kdc.enabled=true}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@AutoConfiguration(after = NegotiateServerAutoConfiguration.class)
@ConditionalOnClass(AbstractHealthIndicator.class)
@ConditionalOnBean({ NegotiateServerBootstrap.class, ServerSettings.class })
@ConditionalOnEnabledHealthIndicator("negotiate")
@EnableConfigurationProperties(NegotiateHealthProperties.class)
public final class NegotiateHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "negotiateHealthIndicator")
	NegotiateServerHealthIndicator negotiateHealthIndicator(NegotiateServerBootstrap bootstrap, ServerSettings settings,
			NegotiateHealthProperties properties) {
		KdcProbe probe = properties.getKdc().isEnabled() ? new KdcProbe(properties.getKdc().getTimeout()) : null;
		return new NegotiateServerHealthIndicator(bootstrap::getServer, settings, probe);
	}

}
