package org.negotiatetcp.boot.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

import org.negotiatetcp.channel.ChannelLimits;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.ConnectionPoolSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.framing.KnownEncoding;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.observation.NegotiateObservability;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the client: a
 * {@link NegotiateChannelFactory} with the security binding of {@code negotiate.tcp.client.*} and the named
 * {@link NegotiateEndpoints}. Active as soon as any {@code negotiate.tcp.client.*} property is set.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@AutoConfiguration(after = NegotiateCredentialsAutoConfiguration.class)
@Conditional(OnNegotiateClientCondition.class)
@EnableConfigurationProperties(NegotiateClientProperties.class)
public final class NegotiateClientAutoConfiguration {

	private static final String PREFIX = "negotiate.tcp.client.";

	@Bean
	@ConditionalOnMissingBean
	ClientSettings negotiateClientSettings(NegotiateClientProperties properties, NegotiateCredentials credentials) {
		String name = properties.getCredential();
		if (name == null || name.isBlank()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "credential", name,
					"A client credential is required on the client: " + NegotiateCredentials.CLIENT_CREDENTIAL_RULE
							+ ". Define one under negotiate.tcp.credentials.<name> (principal with keytab, password or "
							+ "ticket-cache) and set " + PREFIX + "credential to its name");
		}
		ClientCredential credential = credentials.clientCredential(name, PREFIX + "credential");
		AuthPackage authPackage = properties.getWindowsIntegratedAuthPackage();
		if (authPackage == AuthPackage.NTLM && properties.isRequireServerAuth()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "windows-integrated-auth-package", "ntlm",
					"NTLM cannot authenticate the server, so it is only allowed when " + PREFIX
							+ "require-server-auth is false; set " + PREFIX + "require-server-auth=false to accept "
							+ "that, or use spnego or kerberos");
		}
		if (properties.getAllowedImpersonationLevel() == ImpersonationLevel.ANONYMOUS) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "allowed-impersonation-level", "anonymous",
					"Use identification, impersonation or delegation; an anonymous client is configured with a "
							+ "credential that has anonymous=true");
		}
		ChannelLimits limits = ChannelLimits.DEFAULTS.withInitializationTimeout(properties.getOpenTimeout())
			.withMaxMessageSize(Math.toIntExact(properties.getMaxMessageSize().toBytes()));
		limits = new ChannelLimits(limits.initializationTimeout(), properties.getCloseTimeout(),
				limits.maxHandshakeTokenSize(), limits.maxHandshakeLegs(), limits.maxMessageSize(),
				limits.maxPendingHandshakes(), limits.maxViaLength(), limits.maxContentTypeLength(),
				limits.inboundQueueSize());
		return new ClientSettings(authPackage, credential, properties.isRequireServerAuth(),
				properties.getProtectionLevel(), properties.getAllowedImpersonationLevel(),
				KnownEncoding.BINARY_SESSION.contentType(), limits);
	}

	@Bean
	@ConditionalOnMissingBean
	NegotiateChannelFactory negotiateChannelFactory(ClientSettings settings, NegotiateClientProperties properties,
			ObjectProvider<NegotiateClientCustomizer> customizers, ObjectProvider<NegotiateObservability> observability) {
		NegotiateChannelFactory factory = new NegotiateChannelFactory(settings)
			.observability(observability.getIfUnique(() -> NegotiateObservability.NONE));
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
			Environment environment) {
		return new NegotiateEndpoints(properties.getEndpoints(), factory, environment::resolveRequiredPlaceholders);
	}

}
