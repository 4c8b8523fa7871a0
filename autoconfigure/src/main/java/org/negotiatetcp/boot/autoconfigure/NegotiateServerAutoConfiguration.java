package org.negotiatetcp.boot.autoconfigure;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

import org.negotiatetcp.boot.context.NegotiateServerBootstrap;
import org.negotiatetcp.boot.security.diagnostics.SingleSecurityBean;
import org.negotiatetcp.channel.ChannelLimits;
import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.channel.NegotiateChannelHandler;
import org.negotiatetcp.channel.NegotiateServer;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.channel.SessionAuthorizer;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.mechanism.ntlm.NtlmAcceptorOptions;
import org.negotiatetcp.mechanism.ntlm.NtlmAccountStore;
import org.negotiatetcp.observation.NegotiateObservability;
import org.negotiatetcp.security.AuthPackage;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the server: a
 * {@link NegotiateServer} with the settings of {@code negotiate.tcp.server.*} running the application's
 * {@link NegotiateChannelHandler} bean, started and gracefully stopped by a {@link NegotiateServerBootstrap}. Active
 * when the application defines one handler bean and {@code negotiate.tcp.server.enabled} is not {@code false}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@AutoConfiguration(after = { NegotiateCredentialsAutoConfiguration.class, NegotiateSecurityAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "negotiate.tcp.server.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(NegotiateChannelHandler.class)
@EnableConfigurationProperties(NegotiateServerProperties.class)
public final class NegotiateServerAutoConfiguration {

	private static final String PREFIX = "negotiate.tcp.server.";

	@Bean
	@ConditionalOnMissingBean
	ServerSettings negotiateServerSettings(NegotiateServerProperties properties, NegotiateCredentials credentials,
			Environment environment, ObjectProvider<NtlmAccountStore> ntlmAccountStores,
			ConfigurableListableBeanFactory beanFactory) {
		rejectClientCredential(environment);
		AuthPackage authPackage = properties.getWindowsIntegratedAuthPackage();
		KerberosServiceCredentials kerberos = kerberos(properties, credentials);
		NtlmAccountStore ntlm = ntlmAccounts(properties, ntlmAccountStores);
		if (kerberos == null && ntlm == null) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "credential", null,
					"A server needs a service credential: set " + PREFIX + "credential to the name of a credential "
							+ "with a service keytab (negotiate.tcp.credentials.<name>.keytab and .principal) for "
							+ "Kerberos, or configure " + PREFIX + "ntlm.accounts for NTLM");
		}
		if (authPackage == AuthPackage.KERBEROS && kerberos == null) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "credential", null,
					"The kerberos package needs a service keytab: set " + PREFIX + "credential");
		}
		if (authPackage == AuthPackage.NTLM && ntlm == null) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "ntlm.accounts", null,
					"The ntlm package needs NTLM accounts: configure " + PREFIX
							+ "ntlm.accounts or define an NtlmAccountStore bean");
		}
		Set<String> vias = new LinkedHashSet<>(properties.getVias());
		if (properties.getMode() == ChannelMode.RAW && !vias.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "vias", properties.getVias(),
					"Vias exist in net-tcp mode only; remove them or set " + PREFIX + "mode to net-tcp");
		}
		AcceptorSettings acceptor = new AcceptorSettings(
				(authPackage == AuthPackage.NTLM) ? null : kerberos, (authPackage == AuthPackage.KERBEROS) ? null : ntlm,
				properties.getProtectionLevel(), properties.isAllowAnonymousClients())
			.withNtlmOptions(ntlmOptions(properties));
		// the package is enforced by leaving the other mechanism's credential out of the acceptor
		SessionAuthorizer authorizer = SingleSecurityBean.get(beanFactory,
				ResolvableType.forClass(SessionAuthorizer.class), "to authorize every session",
				"Mark the one the server should use @Primary, or define only one (one NegotiateSecurity can hold "
						+ "rules for every via).");
		if (authorizer == null) {
			authorizer = SessionAuthorizer.ACCEPT_ALL;
		}
		return new ServerSettings(properties.getMode(), vias, acceptor, limits(properties.getLimits()), authorizer);
	}

	@Bean
	@ConditionalOnMissingBean
	NegotiateServer negotiateServer(ServerSettings settings, NegotiateChannelHandler handler,
			NegotiateServerProperties properties, ObjectProvider<NegotiateServerCustomizer> customizers,
			ResourceLoader resourceLoader, ObjectProvider<NegotiateObservability> observability) {
		NegotiateServer server = NegotiateServer
			.create(settings, SecurityHandlerSupport.decorate(handler, resourceLoader.getClassLoader()))
			.port(properties.getPort())
			.observability(observability.getIfUnique(() -> NegotiateObservability.NONE));
		InetAddress address = properties.getAddress();
		server = server.host((address != null) ? address.getHostAddress() : "0.0.0.0");
		for (NegotiateServerCustomizer customizer : customizers.orderedStream().toList()) {
			server = server.customize(customizer::customize);
		}
		return server;
	}

	@Bean
	@ConditionalOnMissingBean
	NegotiateServerBootstrap negotiateServerBootstrap(NegotiateServer server, ApplicationEventPublisher eventPublisher,
			NegotiateServerProperties properties) {
		return new NegotiateServerBootstrap(server, eventPublisher, properties.getShutdownGracePeriod());
	}

	private static void rejectClientCredential(Environment environment) {
		Binder binder = Binder.get(environment);
		String name = PREFIX + "client-credential";
		boolean present = binder.bind(name, Bindable.of(String.class)).isBound()
				|| binder.bind(name, Bindable.mapOf(String.class, Object.class)).isBound();
		if (present) {
			throw new InvalidConfigurationPropertyValueException(name, environment.getProperty(name),
					"A client credential must not be specified on the server: " + NegotiateCredentials.CLIENT_CREDENTIAL_RULE
							+ ". Remove it; the server accepts with the service credential named by " + PREFIX
							+ "credential");
		}
	}

	private static @Nullable KerberosServiceCredentials kerberos(NegotiateServerProperties properties,
			NegotiateCredentials credentials) {
		String name = properties.getCredential();
		if (name == null || name.isBlank()) {
			return null;
		}
		ServiceCredential serviceCredential = credentials.serviceCredential(name, PREFIX + "credential");
		try {
			return KerberosServiceCredentials.load(serviceCredential);
		}
		catch (MechanismException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "credential", name, ex.getMessage());
		}
	}

	private static @Nullable NtlmAccountStore ntlmAccounts(NegotiateServerProperties properties,
			ObjectProvider<NtlmAccountStore> stores) {
		NtlmAccountStore store = stores.getIfUnique();
		if (store != null) {
			return store;
		}
		Map<String, String> accounts = properties.getNtlm().getAccounts();
		if (accounts.isEmpty()) {
			return null;
		}
		return NtlmAccountStores.fromProperties(accounts);
	}

	private static NtlmAcceptorOptions ntlmOptions(NegotiateServerProperties properties) {
		try {
			return properties.getNtlm().toOptions();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "ntlm", properties.getNtlm().getTargetNames(),
					ex.getMessage());
		}
	}

	private static ChannelLimits limits(NegotiateServerProperties.Limits limits) {
		try {
			return new ChannelLimits(limits.getInitializationTimeout(), limits.getCloseTimeout(),
					toInt(limits.getMaxHandshakeTokenSize().toBytes()), limits.getMaxHandshakeLegs(),
					toInt(limits.getMaxMessageSize().toBytes()), limits.getMaxPendingHandshakes(),
					limits.getMaxViaLength(), limits.getMaxContentTypeLength(), limits.getInboundQueueSize(),
					limits.getReceiveTimeout());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "limits", null,
					ex.getMessage() + " (" + PREFIX + "limits.* uses kebab-case names, for example max-message-size)");
		}
	}

	private static int toInt(long bytes) {
		return (int) Math.min(Integer.MAX_VALUE, bytes);
	}


}
