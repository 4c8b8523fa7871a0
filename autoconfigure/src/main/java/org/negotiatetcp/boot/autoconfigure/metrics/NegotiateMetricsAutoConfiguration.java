package org.negotiatetcp.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import org.negotiatetcp.boot.autoconfigure.NegotiateClientAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateClientCustomizer;
import org.negotiatetcp.boot.autoconfigure.NegotiateServerCustomizer;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.metrics.CredentialLifetimeMetrics;
import org.negotiatetcp.ChannelSide;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of meters beyond the
 * engine's own (see {@code NegotiateObservabilityAutoConfiguration}): the lifetime of the client credential's
 * ticket-granting ticket ({@value CredentialLifetimeMetrics#REMAINING_LIFETIME}, tagged
 * {@value CredentialLifetimeMetrics#CREDENTIAL_TAG} with the name of {@code negotiate.tcp.client.credential}), and Reactor Netty's transport
 * metrics ({@code reactor.netty.tcp.server.*} / {@code reactor.netty.tcp.client.*}) when
 * {@code negotiate.tcp.server.metrics.enabled} / {@code negotiate.tcp.client.metrics.enabled} is {@code true}.
 * Reactor Netty records into Micrometer's global registry, which Spring Boot's registries join by default.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@AutoConfiguration(after = NegotiateClientAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
public final class NegotiateMetricsAutoConfiguration {

	private static final int MAX_REMOTE_ADDRESSES = 100;

	@Bean
	@ConditionalOnBean(NegotiateChannelFactory.class)
	@ConditionalOnMissingBean
	CredentialLifetimeMetrics negotiateClientCredentialLifetimeMetrics(NegotiateChannelFactory factory,
			Environment environment) {
		// tagged with the credential's name under negotiate.tcp.credentials (its principal for a user-defined factory)
		String name = environment.getProperty("negotiate.tcp.client.credential");
		if (name == null || name.isBlank()) {
			ClientSettings settings = factory.settings();
			name = settings.credential().principal();
		}
		return new CredentialLifetimeMetrics(ChannelSide.CLIENT, (name != null) ? name : "default",
				factory::credentialRemainingLifetime);
	}

	@Bean
	@ConditionalOnBooleanProperty("negotiate.tcp.server.metrics.enabled")
	NegotiateServerCustomizer negotiateServerReactorNettyMetrics() {
		return (server) -> server.metrics(true);
	}

	/**
	 * Reactor Netty tags its server meters with the peer's address: keep at most 100 distinct values so a server with
	 * many clients does not grow its meter registry without bound.
	 * @return the filter
	 */
	@Bean
	@ConditionalOnBooleanProperty("negotiate.tcp.server.metrics.enabled")
	MeterFilter negotiateServerRemoteAddressLimit() {
		return MeterFilter.maximumAllowableTags("reactor.netty.tcp.server", "remote.address", MAX_REMOTE_ADDRESSES,
				MeterFilter.deny());
	}

	@Bean
	@ConditionalOnBooleanProperty("negotiate.tcp.client.metrics.enabled")
	NegotiateClientCustomizer negotiateClientReactorNettyMetrics() {
		return (client) -> client.metrics(true);
	}

	/**
	 * The client-side counterpart of {@link #negotiateServerRemoteAddressLimit()}.
	 * @return the filter
	 */
	@Bean
	@ConditionalOnBooleanProperty("negotiate.tcp.client.metrics.enabled")
	MeterFilter negotiateClientRemoteAddressLimit() {
		return MeterFilter.maximumAllowableTags("reactor.netty.tcp.client", "remote.address", MAX_REMOTE_ADDRESSES,
				MeterFilter.deny());
	}

}
