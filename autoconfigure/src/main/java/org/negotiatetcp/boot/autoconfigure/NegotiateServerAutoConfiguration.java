package org.negotiatetcp.boot.autoconfigure;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

import org.negotiatetcp.boot.context.NegotiateServerBootstrap;
import org.negotiatetcp.boot.security.diagnostics.SingleSecurityBean;
import org.negotiatetcp.boot.server.NegotiateRoutes;
import org.negotiatetcp.boot.server.NegotiateRoutingException;
import org.negotiatetcp.channel.ChannelLimits;
import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.channel.NegotiateChannelHandler;
import org.negotiatetcp.channel.NegotiateServer;
import org.negotiatetcp.channel.SecurityMode;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.channel.SessionAuthorizer;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.mechanism.MechanismException;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.mechanism.kerberos.replay.ReplayCache;
import org.negotiatetcp.mechanism.ntlm.NtlmAcceptorOptions;
import org.negotiatetcp.mechanism.ntlm.NtlmAccountStore;
import org.negotiatetcp.observation.NegotiateObservability;
import org.negotiatetcp.security.AuthPackage;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the server: a
 * {@link NegotiateServer} with the settings of {@code negotiate.tcp.server.*} running the application's handlers,
 * started and gracefully stopped by a {@link NegotiateServerBootstrap}. Active when the application defines a
 * {@link NegotiateChannelHandler} or {@link NegotiateRoutes} bean and {@code negotiate.tcp.server.enabled} is not
 * {@code false}. One unmapped handler serves every via (of {@code negotiate.tcp.server.vias}, if set); several handlers
 * must each be mapped to vias ({@link org.negotiatetcp.boot.server.NegotiateVia @NegotiateVia} or
 * {@link NegotiateRoutes}), and the mapped patterns are then the vias served.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@AutoConfiguration(after = { NegotiateCredentialsAutoConfiguration.class, NegotiateSecurityAutoConfiguration.class })
@ConditionalOnNegotiateServer
@EnableConfigurationProperties(NegotiateServerProperties.class)
@Import(NegotiateEventLoopsConfiguration.class)
public final class NegotiateServerAutoConfiguration {

	private static final String PREFIX = "negotiate.tcp.server.";

	private static final String REPLAY_CACHE_BEAN = "negotiateKerberosReplayCache";

	/**
	 * The Kerberos replay cache of {@code negotiate.tcp.server.kerberos.replay-cache.*}; an application's own
	 * {@link ReplayCache} bean replaces it. Closed (its Redis connection) with the context.
	 */
	@Bean(REPLAY_CACHE_BEAN)
	@ConditionalOnMissingBean(ReplayCache.class)
	ReplayCache negotiateKerberosReplayCache(NegotiateServerProperties properties,
			ConfigurableListableBeanFactory beanFactory) {
		return KerberosReplayCaches.create(properties.getKerberos().getReplayCache(), beanFactory);
	}

	@Bean
	@ConditionalOnMissingBean
	ServerSettings negotiateServerSettings(NegotiateServerProperties properties, NegotiateCredentials credentials,
			Environment environment, ObjectProvider<NtlmAccountStore> ntlmAccountStores,
			ConfigurableListableBeanFactory beanFactory, ObjectProvider<ReplayCache> replayCaches) {
		rejectClientCredential(environment);
		AuthPackage authPackage = properties.getWindowsIntegratedAuthPackage();
		KerberosServiceCredentials kerberos = kerberos(properties, credentials);
		if (kerberos != null) {
			kerberos = kerberos.withReplayCache(replayCache(properties, replayCaches, beanFactory));
		}
		NtlmAccountStore ntlm = ntlmAccounts(properties, ntlmAccountStores);
		SecurityMode securityMode = securityMode(properties);
		// an unsecured net.tcp server (WCF's SecurityMode.None) authenticates nobody, so it needs no service credential
		if (kerberos == null && ntlm == null && securityMode == SecurityMode.TRANSPORT) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "credential", null,
					"A server needs a service credential: set " + PREFIX + "credential to the name of a credential "
							+ "with a service keytab (negotiate.tcp.credentials.<name>.keytab and .principal) for "
							+ "Kerberos, or configure " + PREFIX + "ntlm.accounts for NTLM (only an unsecured "
							+ "server, " + PREFIX + "security-mode none, needs neither)");
		}
		if (authPackage == AuthPackage.KERBEROS && kerberos == null && securityMode == SecurityMode.TRANSPORT) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "credential", null,
					"The kerberos package needs a service keytab: set " + PREFIX + "credential");
		}
		if (authPackage == AuthPackage.NTLM && ntlm == null && securityMode == SecurityMode.TRANSPORT) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "ntlm.accounts", null,
					"The ntlm package needs NTLM accounts: configure " + PREFIX
							+ "ntlm.accounts or define an NtlmAccountStore bean");
		}
		Set<String> vias = vias(properties, handlers(beanFactory));
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
		return new ServerSettings(properties.getMode(), vias, acceptor, limits(properties.getLimits()), authorizer,
				securityMode, streamedTransfer(properties));
	}

	/**
	 * The one replay cache: ours, or the application's bean, which then must not be contradicted by the type property.
	 */
	private static ReplayCache replayCache(NegotiateServerProperties properties, ObjectProvider<ReplayCache> caches,
			ConfigurableListableBeanFactory beanFactory) {
		String[] names = beanFactory.getBeanNamesForType(ReplayCache.class);
		ReplayCache cache = caches.getIfUnique();
		if (cache == null) {
			throw new InvalidConfigurationPropertyValueException(KerberosReplayCaches.PREFIX + "type", null,
					"There are " + names.length + " ReplayCache beans " + java.util.Arrays.toString(names)
							+ " and the Kerberos acceptor needs one: define only one, or mark one @Primary");
		}
		if (!java.util.Arrays.asList(names).contains(REPLAY_CACHE_BEAN)
				&& properties.getKerberos().getReplayCache().getType() != null) {
			throw new InvalidConfigurationPropertyValueException(KerberosReplayCaches.PREFIX + "type",
					properties.getKerberos().getReplayCache().getType(),
					"The application defines its own ReplayCache bean " + java.util.Arrays.toString(names)
							+ ", which replaces the one this property chooses: remove the property or the bean");
		}
		return cache;
	}

	private static boolean streamedTransfer(NegotiateServerProperties properties) {
		if (properties.isStreamedTransfer() && properties.getMode() != ChannelMode.NET_TCP) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "streamed-transfer", "true",
					"Streamed transfer (WCF's TransferMode.Streamed) exists only for net.tcp (security mode transport"
							+ " or none): set " + PREFIX + "mode to net-tcp, or " + PREFIX + "streamed-transfer to false");
		}
		return properties.isStreamedTransfer();
	}

	private static SecurityMode securityMode(NegotiateServerProperties properties) {
		SecurityMode mode = properties.getSecurityMode();
		if (mode == SecurityMode.NONE && properties.getMode() != ChannelMode.NET_TCP) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "security-mode", "none",
					"Security mode none (WCF's SecurityMode.None) exists only for net.tcp: set " + PREFIX
							+ "mode to net-tcp or " + PREFIX + "security-mode to transport");
		}
		if (mode == SecurityMode.NONE && !properties.isAllowAnonymousClients()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "security-mode", "none",
					"Security mode none serves unsecured net.tcp clients, which are all anonymous, but "
							+ PREFIX + "allow-anonymous-clients is false: set " + PREFIX
							+ "allow-anonymous-clients to true (and permit anonymous clients in your authorization"
							+ " rules) or " + PREFIX + "security-mode to transport");
		}
		return mode;
	}

	@Bean
	@ConditionalOnMissingBean
	NegotiateServer negotiateServer(ServerSettings settings, ConfigurableListableBeanFactory beanFactory,
			NegotiateServerProperties properties, ObjectProvider<NegotiateServerCustomizer> customizers,
			ResourceLoader resourceLoader, ObjectProvider<NegotiateObservability> observability,
			NegotiateEventLoops eventLoops) {
		NegotiateChannelHandler handler = handlers(beanFactory).handler();
		PropertyMapper map = PropertyMapper.get();
		NegotiateServer server = NegotiateServer
			.create(settings, SecurityHandlerSupport.decorate(handler, resourceLoader.getClassLoader()))
			.observability(observability.getIfUnique(() -> NegotiateObservability.NONE))
			.customize(eventLoops::runOn);
		server = map.from(properties::getPort).to(server, NegotiateServer::port);
		server = map.from(properties::getAddress)
			.as(InetAddress::getHostAddress)
			.orFrom(() -> "0.0.0.0")
			.to(server, NegotiateServer::host);
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

	private static NegotiateServerHandlers handlers(ConfigurableListableBeanFactory beanFactory) {
		return NegotiateServerHandlers.from(beanFactory);
	}

	private static Set<String> vias(NegotiateServerProperties properties, NegotiateServerHandlers handlers) {
		NegotiateRoutes routes = handlers.routes();
		boolean raw = properties.getMode() == ChannelMode.RAW;
		if (routes == null) {
			if (raw && !properties.getVias().isEmpty()) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + "vias", properties.getVias(),
						"Vias exist in net-tcp mode only; remove them or set " + PREFIX + "mode to net-tcp");
			}
			return new LinkedHashSet<>(properties.getVias());
		}
		if (raw) {
			throw new NegotiateRoutingException("The Negotiate TCP server runs in raw mode, which has no vias, but its "
					+ "handlers are mapped to vias: " + routes,
					"Set " + PREFIX + "mode to net-tcp, or remove the via mapping and keep a single handler");
		}
		if (!properties.getVias().isEmpty()) {
			throw new NegotiateRoutingException("The vias of the Negotiate TCP server are chosen twice: by " + PREFIX
					+ "vias " + properties.getVias() + " and by the handlers' via mapping " + routes,
					"Remove " + PREFIX + "vias: with handlers mapped to vias, the server serves exactly the mapped "
							+ "vias");
		}
		return routes.patterns();
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
			KerberosServiceCredentials loaded = KerberosServiceCredentials.load(serviceCredential);
			return properties.getKerberos().isRequirePac() ? loaded.requiringPac() : loaded;
		}
		catch (MechanismException ex) {
			String at = "negotiate.tcp.credentials." + name;
			throw new NegotiateCredentialException(name, at + ".principal", serviceCredential.principal(),
					ex.getMessage() + " (the service credential of " + PREFIX + "credential)",
					"Add the principal's keys to the keytab " + serviceCredential.keytab() + " (ktpass, ktutil or "
							+ "kadmin ktadd), correct " + at + ".principal to a principal the keytab holds (klist -k "
							+ "lists them), or set it to * to accept any principal in the keytab");
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
			return ChannelLimits.defaults()
				.withInitializationTimeout(limits.getInitializationTimeout())
				.withCloseTimeout(limits.getCloseTimeout())
				.withMaxHandshakeTokenSize(toInt(limits.getMaxHandshakeTokenSize().toBytes()))
				.withMaxHandshakeLegs(limits.getMaxHandshakeLegs())
				.withMaxMessageSize(toInt(limits.getMaxMessageSize().toBytes()))
				.withMaxPendingHandshakes(limits.getMaxPendingHandshakes())
				.withMaxPendingHandshakesPerAddress(limits.getMaxPendingHandshakesPerAddress())
				.withMaxViaLength(limits.getMaxViaLength())
				.withMaxContentTypeLength(limits.getMaxContentTypeLength())
				.withInboundQueueSize(limits.getInboundQueueSize())
				.withReceiveTimeout(limits.getReceiveTimeout());
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
