package org.negotiatetcp.boot.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.negotiatetcp.boot.autoconfigure.NegotiateCredentialsAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateSecurityAutoConfiguration;
import org.negotiatetcp.boot.autoconfigure.NegotiateServerAutoConfiguration;
import org.negotiatetcp.boot.context.NegotiateServerPortInfoApplicationContextInitializer;
import org.negotiatetcp.channel.ChannelLimits;
import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.DisposableNegotiateServer;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateChannelHandler;
import org.negotiatetcp.channel.NegotiateServer;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ServiceCredential;
import org.negotiatetcp.mechanism.kerberos.KerberosServiceCredentials;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.testsupport.MitKdc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Impersonation with a delegated credential against an MIT KDC that issues forwardable tickets: a client allows
 * delegation, the auto-configured front server (whose rules require delegation) opens an onward channel to a back-end
 * server as the client, and the back end sees the client, not the front server.
 */
@Tag("interop")
class DelegationInteropTests {

	private static MitKdc kdc;

	private static Path serviceKeytab;

	private static DisposableNegotiateServer backend;

	@BeforeAll
	static void start() {
		Assumptions.assumeTrue(MitKdc.isAvailable(), MitKdc.unavailableReason());
		kdc = MitKdc.start("DELEGATION.TEST");
		kdc.addPrincipal("alice", "alice-password");
		serviceKeytab = kdc.addService("host/localhost");
		// the front service is trusted for delegation (AD's "trust this computer for delegation"): a client that allows
		// delegation forwards its ticket only to services the KDC marks ok-as-delegate (delegation-policy default)
		kdc.kadmin("modprinc +ok_as_delegate " + kdc.principal("host/localhost"));
		AcceptorSettings acceptor = new AcceptorSettings(
				KerberosServiceCredentials.load(new ServiceCredential(serviceKeytab, kdc.principal("host/localhost"))),
				null, ProtectionLevel.ENCRYPT_AND_SIGN, false);
		NegotiateChannelHandler backendHandler = (channel) -> {
			SecurityInfo info = channel.securityInfo();
			return channel.send(channel.receive()
				.map((buf) -> Unpooled.copiedBuffer("backend: " + buf.toString(StandardCharsets.UTF_8) + " for "
						+ info.peerName() + " (" + info.mechanism() + ")", StandardCharsets.UTF_8)));
		};
		backend = NegotiateServer
			.create(new ServerSettings(ChannelMode.NET_TCP, Set.of("/backend"), acceptor, ChannelLimits.DEFAULTS),
					backendHandler)
			.bindNow();
	}

	@AfterAll
	static void stop() {
		if (backend != null) {
			backend.disposeNow(Duration.ofSeconds(5));
		}
		if (kdc != null) {
			kdc.close();
		}
	}

	@Test
	void frontServerActsAsTheClientTowardsTheBackend() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NegotiateCredentialsAutoConfiguration.class,
					NegotiateSecurityAutoConfiguration.class, NegotiateServerAutoConfiguration.class))
			.withInitializer((context) -> new NegotiateServerPortInfoApplicationContextInitializer()
				.initialize(context))
			.withPropertyValues("negotiate.tcp.kerberos.krb5-conf=" + kdc.krb5Conf(),
					"negotiate.tcp.credentials.service.keytab=" + serviceKeytab,
					"negotiate.tcp.credentials.service.principal=" + kdc.principal("host/localhost"),
					"negotiate.tcp.server.credential=service", "negotiate.tcp.server.address=127.0.0.1",
					"negotiate.tcp.server.port=0")
			.withUserConfiguration(Front.class)
			.run((context) -> {
				int port = context.getEnvironment()
					.getRequiredProperty("local.negotiate.tcp.server.port", Integer.class);
				NegotiateChannelFactory client = new NegotiateChannelFactory(
						ClientSettings.of(new ClientCredential.Password("alice", "alice-password".toCharArray()))
							.withAllowedImpersonation(ImpersonationLevel.DELEGATION));
				String reply = client.open("net.tcp://localhost:" + port + "/front")
					.flatMap((channel) -> channel.sendBytes("hello".getBytes(StandardCharsets.UTF_8))
						.then(channel.receive().next().map((buf) -> buf.toString(StandardCharsets.UTF_8)))
						.flatMap((text) -> channel.close().thenReturn(text)))
					.block(Duration.ofSeconds(60));
				assertThat(reply).isEqualTo("front (DELEGATION) -> backend: hello for alice@DELEGATION.TEST (KERBEROS)");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Front {

		@Bean
		NegotiateSecuritySessionAuthorizer rules(NegotiateSecurity security) {
			return security.minimumImpersonationLevel(ImpersonationLevel.DELEGATION).build();
		}

		@Bean
		NegotiateChannelHandler front() {
			NegotiateChannelFactory onward = new NegotiateChannelFactory(
					ClientSettings.of(new ClientCredential.TicketCache(null, null))
						.withAuthPackage(AuthPackage.KERBEROS));
			return (channel) -> channel.send(channel.receive()
				.map((buf) -> buf.toString(StandardCharsets.UTF_8))
				.concatMap((message) -> NegotiateImpersonation.runAs(channel,
						(client) -> call(onward.withSettings(onward.settings().withCredential(client.clientCredential())),
								message)))
				.map((reply) -> Unpooled.copiedBuffer("front (" + channel.securityInfo().impersonationLevel() + ") -> "
						+ reply, StandardCharsets.UTF_8)));
		}

		private static Mono<String> call(NegotiateChannelFactory factory, String message) {
			return factory.open("net.tcp://localhost:" + backend.port() + "/backend")
				.flatMap((NegotiateChannel channel) -> channel.sendBytes(message.getBytes(StandardCharsets.UTF_8))
					.then(channel.receive().next().map((buf) -> buf.toString(StandardCharsets.UTF_8)))
					.flatMap((text) -> channel.close().thenReturn(text)));
		}

	}

}
