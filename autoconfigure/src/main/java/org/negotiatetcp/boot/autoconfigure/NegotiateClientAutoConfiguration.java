package org.negotiatetcp.boot.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import org.negotiatetcp.boot.client.NegotiateEndpoints;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.ConnectionPoolSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.observation.NegotiateObservability;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the client: a
 * {@link NegotiateChannelFactory} with the security binding of {@code negotiate.tcp.client.*} and the named
 * {@link NegotiateEndpoints}, each with its own security binding where its properties say so. Active as soon as any
 * {@code negotiate.tcp.client.*} property is set.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@AutoConfiguration(after = NegotiateCredentialsAutoConfiguration.class)
@ConditionalOnNegotiateClient
@EnableConfigurationProperties(NegotiateClientProperties.class)
@Import(NegotiateEventLoopsConfiguration.class)
public final class NegotiateClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClientSettings negotiateClientSettings(NegotiateClientProperties properties, NegotiateCredentials credentials) {
		return new NegotiateClientSettingsMapper(credentials).defaults(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	NegotiateChannelFactory negotiateChannelFactory(ClientSettings settings, NegotiateClientProperties properties,
			ObjectProvider<NegotiateClientCustomizer> customizers, ObjectProvider<NegotiateObservability> observability,
			NegotiateEventLoops eventLoops) {
		NegotiateChannelFactory factory = new NegotiateChannelFactory(settings)
			.observability(observability.getIfUnique(() -> NegotiateObservability.NONE))
			.customize(eventLoops::runOn);
		for (NegotiateClientCustomizer customizer : customizers.orderedStream().toList()) {
			factory = factory.customize(customizer::customize);
		}
		NegotiateClientProperties.ConnectionPool pool = properties.getConnectionPool();
		if (pool.isEnabled()) {
			try {
				factory = factory.withConnectionPool(new ConnectionPoolSettings(pool.getIdleTimeout(),
						pool.getMaxIdlePerEndpoint()));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException("negotiate.tcp.client.connection-pool", null,
						ex.getMessage());
			}
		}
		return factory;
	}

	@Bean
	@ConditionalOnMissingBean
	NegotiateEndpoints negotiateEndpoints(NegotiateClientProperties properties, NegotiateChannelFactory factory,
			NegotiateCredentials credentials, Environment environment) {
		return new NegotiateEndpointsMapper(new NegotiateClientSettingsMapper(credentials), factory,
				environment::resolveRequiredPlaceholders)
			.map(properties.getEndpoints());
	}

}
