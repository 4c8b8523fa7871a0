package org.negotiatetcp.boot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.boot.client.NegotiateEndpoints;
import org.negotiatetcp.boot.test.FailureAnalyses;
import org.negotiatetcp.boot.test.TestRunners;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateChannelHandler;
import org.negotiatetcp.security.AuthPackage;
import org.negotiatetcp.channel.SecurityMode;
import org.negotiatetcp.channel.TransferMode;
import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.negotiatetcp.boot.autoconfigure.StartupFailures.failure;

/**
 * Each entry of {@code negotiate.tcp.client.endpoints} with its own security binding, observed on real channels to a
 * real server: the client's and the server's {@link SecurityInfo} of each.
 */
class NegotiateEndpointSettingsTests {

	/** Replies with what the server saw: the client's name, the package and the protection. */
	private static final NegotiateChannelHandler WHO_AM_I = (channel) -> channel.send(channel.receive()
		.next()
		.map((request) -> Unpooled.copiedBuffer(channel.securityInfo().peerName() + " "
				+ channel.securityInfo().mechanism() + " " + channel.securityInfo().protectionLevel(),
				StandardCharsets.UTF_8)));

	private final ApplicationContextRunner runner = TestRunners
		.realm(NegotiateCredentialsAutoConfiguration.class, NegotiateClientAutoConfiguration.class,
				NegotiateSecurityAutoConfiguration.class, NegotiateServerAutoConfiguration.class)
		.withPropertyValues("negotiate.tcp.client.credential=alice");

	@Test
	void twoEndpointsAuthenticateWithTheirOwnSettings() {
		this.runner
			.withPropertyValues("negotiate.tcp.server.address=127.0.0.1", "negotiate.tcp.server.port=0",
					"negotiate.tcp.server.credential=service", "negotiate.tcp.server.protection-level=none",
					"negotiate.tcp.client.endpoints.orders.address=net.tcp://localhost:${local.negotiate.tcp.server.port}/orders",
					"negotiate.tcp.client.endpoints.reports.address=net.tcp://localhost:${local.negotiate.tcp.server.port}/reports",
					"negotiate.tcp.client.endpoints.reports.credential=bob",
					"negotiate.tcp.client.endpoints.reports.windows-integrated-auth-package=kerberos",
					"negotiate.tcp.client.endpoints.reports.protection-level=pkt-integrity",
					"negotiate.tcp.client.endpoints.reports.allowed-impersonation-level=impersonation")
			.withBean(NegotiateChannelHandler.class, () -> WHO_AM_I)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				NegotiateEndpoints endpoints = context.getBean(NegotiateEndpoints.class);
				assertThat(endpoints.get("orders").factory()).isSameAs(context.getBean(NegotiateChannelFactory.class));

				Exchange orders = exchange(endpoints.get("orders").open());
				assertThat(orders.client().authPackage()).isEqualTo(AuthPackage.SPNEGO);
				assertThat(orders.client().protectionLevel()).isEqualTo(ProtectionLevel.ENCRYPT_AND_SIGN);
				assertThat(orders.client().impersonationLevel()).isEqualTo(ImpersonationLevel.IDENTIFICATION);
				assertThat(orders.server()).isEqualTo("alice@EXAMPLE.COM " + orders.client().mechanism() + " ENCRYPT_AND_SIGN");

				Exchange reports = exchange(endpoints.get("reports").open());
				assertThat(reports.client().authPackage()).isEqualTo(AuthPackage.KERBEROS);
				assertThat(reports.client().protectionLevel()).isEqualTo(ProtectionLevel.SIGN);
				assertThat(reports.client().impersonationLevel()).isEqualTo(ImpersonationLevel.IMPERSONATION);
				assertThat(reports.server()).isEqualTo("bob@EXAMPLE.COM " + reports.client().mechanism() + " SIGN");

				// the application's factory keeps the client.* defaults
				assertThat(context.getBean(NegotiateChannelFactory.class).settings().protectionLevel())
					.isEqualTo(ProtectionLevel.ENCRYPT_AND_SIGN);
			});
	}

	@Test
	void streamedEndpointTalksToAServerWithStreamedTransferEnabled() {
		this.runner
			.withPropertyValues("negotiate.tcp.server.address=127.0.0.1", "negotiate.tcp.server.port=0",
					"negotiate.tcp.server.credential=service", "negotiate.tcp.server.streamed-transfer=true",
					"negotiate.tcp.client.endpoints.upload.address=net.tcp://localhost:${local.negotiate.tcp.server.port}/upload",
					"negotiate.tcp.client.endpoints.upload.transfer-mode=streamed")
			.withBean(NegotiateChannelHandler.class, () -> WHO_AM_I)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				NegotiateEndpoints endpoints = context.getBean(NegotiateEndpoints.class);
				assertThat(endpoints.get("upload").factory().settings().transferMode()).isEqualTo(TransferMode.STREAMED);
				Exchange upload = exchange(endpoints.get("upload").open());
				assertThat(upload.server()).startsWith("alice@EXAMPLE.COM ").endsWith(" ENCRYPT_AND_SIGN");
				assertThat(context.getBean(NegotiateChannelFactory.class).settings().transferMode())
					.isEqualTo(TransferMode.BUFFERED);
			});
	}

	@Test
	void endpointNtlmWithServerAuthenticationFailsNamingTheEndpointProperties() {
		this.runner
			.withPropertyValues("negotiate.tcp.client.endpoints.legacy.address=net.tcp://srv/legacy",
					"negotiate.tcp.client.endpoints.legacy.windows-integrated-auth-package=ntlm")
			.run((context) -> assertThat(failure(context))
				.hasMessageContaining("negotiate.tcp.client.endpoints.legacy.windows-integrated-auth-package")
				.hasMessageContaining("negotiate.tcp.client.endpoints.legacy.require-server-auth=false"));
	}

	@Test
	void endpointWithAnUnknownCredentialFailsNamingTheEndpointProperty() {
		this.runner
			.withPropertyValues("negotiate.tcp.client.endpoints.orders.address=net.tcp://srv/orders",
					"negotiate.tcp.client.endpoints.orders.credential=dave")
			.run((context) -> {
				assertThat(failure(context)).hasMessageContaining("negotiate.tcp.client.endpoints.orders.credential");
				FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("credential 'dave'",
						"negotiate.tcp.client.endpoints.orders.credential");
				assertThat(analysis.getAction()).contains("negotiate.tcp.credentials.dave", "alice", "bob");
			});
	}

	@Test
	void endpointWithSecurityModeNoneIsAnAnonymousClientThatTheDefaultRulesRefuse() {
		// an unsecured client is anonymous: Spring Security's rules decide, and the default ones require authentication
		this.runner
			.withPropertyValues("negotiate.tcp.server.address=127.0.0.1", "negotiate.tcp.server.port=0",
					"negotiate.tcp.server.credential=service", "negotiate.tcp.server.security-mode=none",
					"negotiate.tcp.server.allow-anonymous-clients=true",
					"negotiate.tcp.client.endpoints.mono.address=net.tcp://localhost:${local.negotiate.tcp.server.port}/mono",
					"negotiate.tcp.client.endpoints.mono.security-mode=none")
			.withBean(NegotiateChannelHandler.class, () -> WHO_AM_I)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				NegotiateEndpoints endpoints = context.getBean(NegotiateEndpoints.class);
				assertThat(endpoints.get("mono").factory().settings().securityMode()).isEqualTo(SecurityMode.NONE);
				assertThatExceptionOfType(NegotiateException.class)
					.isThrownBy(() -> endpoints.get("mono").open().block(Duration.ofSeconds(30)))
					.withMessageContaining("closed the connection during channel initialization");
				// the client's own factory keeps transport security
				assertThat(context.getBean(NegotiateChannelFactory.class).settings().securityMode())
					.isEqualTo(SecurityMode.TRANSPORT);
			});
	}

	private static Exchange exchange(Mono<NegotiateChannel> opening) {
		NegotiateChannel channel = opening.block(Duration.ofSeconds(30));
		try {
			channel.sendBytes("who".getBytes(StandardCharsets.UTF_8)).block(Duration.ofSeconds(10));
			String reply = channel.receive()
				.next()
				.map((buf) -> buf.toString(StandardCharsets.UTF_8))
				.block(Duration.ofSeconds(10));
			return new Exchange(channel.securityInfo(), reply);
		}
		finally {
			channel.close().block(Duration.ofSeconds(10));
		}
	}

	private record Exchange(SecurityInfo client, String server) {
	}

}
