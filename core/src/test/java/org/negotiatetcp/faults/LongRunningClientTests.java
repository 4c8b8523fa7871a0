package org.negotiatetcp.faults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.test.kdc.EmbeddedKdc;
import org.negotiatetcp.testsupport.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Clients and servers that run longer than their tickets and keys: a realm whose tickets live 10 seconds, where
 * clients with a keytab or a password keep opening channels across the expiry of their ticket-granting and service
 * tickets, and a channel opened before the expiry keeps working after it (an established context does not depend on
 * its ticket, as Windows and MIT behave: "ongoing operations are not interrupted if the session ticket expires");
 * and a service keytab rotated on disk (new key version in the KDC) that the running server picks up without a
 * restart (the JDK reads a keytab file at each accept).
 */
class LongRunningClientTests {

	private static final String PASSWORD = "alice-Secret-1";

	private static final Duration TICKET_LIFETIME = Duration.ofSeconds(10);

	private static final Duration BLOCK = Duration.ofSeconds(60);

	@AutoClose
	private final TestServer server = new TestServer();

	private String address() {
		return this.server.address(ChannelMode.NET_TCP);
	}

	private static String exchange(NegotiateChannel channel, String message) {
		return channel.sendBytes(message.getBytes(StandardCharsets.UTF_8))
			.then(channel.receiveBytes().next())
			.map((bytes) -> new String(bytes, StandardCharsets.UTF_8))
			.block(BLOCK);
	}

	@Test
	void clientsKeepOpeningChannelsAcrossTheExpiryOfTheirTicketsAndOpenChannelsOutliveThem() throws Exception {
		try (EmbeddedKdc kdc = EmbeddedKdc.start("EXAMPLE.COM", TICKET_LIFETIME)) {
			kdc.user("alice", PASSWORD);
			Path clientKeytab = kdc.keytab("client.keytab", "alice");
			Path serviceKeytab = kdc.keytab("service.keytab", "host/localhost");
			this.server.echo(ChannelMode.NET_TCP,
					TestServer.kerberosAcceptor(serviceKeytab, "host/localhost", ProtectionLevel.ENCRYPT_AND_SIGN));
			NegotiateChannelFactory keytabClient = new NegotiateChannelFactory(
					ClientSettings.of(new ClientCredential.Keytab("alice", clientKeytab)));
			NegotiateChannelFactory passwordClient = new NegotiateChannelFactory(
					ClientSettings.of(new ClientCredential.Password("alice@EXAMPLE.COM", PASSWORD.toCharArray())));
			NegotiateChannel longLived = keytabClient.open(address()).block(BLOCK);
			assertThat(longLived).isNotNull();
			assertThat(keytabClient.credentialRemainingLifetime()).as("the realm's tickets are short")
				.isBetween(0, (int) TICKET_LIFETIME.toSeconds());
			long end = System.nanoTime() + TICKET_LIFETIME.multipliedBy(5).dividedBy(2).toNanos();
			List<String> failures = new ArrayList<>();
			int rounds = 0;
			while (System.nanoTime() < end) {
				rounds++;
				for (NegotiateChannelFactory client : List.of(keytabClient, passwordClient)) {
					try {
						assertThat(TestServer.roundTrip(client, address())).isEqualTo("ping");
					}
					catch (RuntimeException ex) {
						failures.add("round " + rounds + ": " + ex);
					}
				}
				assertThat(exchange(longLived, "still here " + rounds)).isEqualTo("still here " + rounds);
				Thread.sleep(1000);
			}
			assertThat(failures).as("no channel failed across two and a half ticket lifetimes").isEmpty();
			assertThat(rounds).isGreaterThanOrEqualTo(3);
			assertThat(longLived.isOpen()).isTrue();
			longLived.close().block(BLOCK);
		}
	}

	@Test
	void serviceKeytabRotatedOnDiskIsPickedUpByTheRunningServer() {
		try (EmbeddedKdc kdc = EmbeddedKdc.start("EXAMPLE.COM")) {
			kdc.user("alice", PASSWORD);
			Path serviceKeytab = kdc.keytab("service.keytab", "host/localhost");
			this.server.echo(ChannelMode.NET_TCP,
					TestServer.kerberosAcceptor(serviceKeytab, "host/localhost", ProtectionLevel.ENCRYPT_AND_SIGN));
			NegotiateChannelFactory early = passwordClient();
			assertThat(TestServer.roundTrip(early, address())).isEqualTo("ping");
			// the KDC's key changes (kvno 2), the keytab gets the new key beside the old one, as ktadd writes it
			kdc.rotateKeys("service.keytab", "host/localhost", true);
			assertThat(TestServer.roundTrip(passwordClient(), address()))
				.as("a new ticket, under the new key, is accepted without restarting the server").isEqualTo("ping");
			assertThat(TestServer.roundTrip(early, address()))
				.as("a ticket under the old key still is, while the keytab holds it").isEqualTo("ping");
			// again (kvno 3), and this time the keytab keeps the new key only
			kdc.rotateKeys("service.keytab", "host/localhost", false);
			assertThat(TestServer.roundTrip(passwordClient(), address())).isEqualTo("ping");
			assertThatThrownBy(() -> TestServer.roundTrip(early, address()))
				.as("a ticket under a key the keytab no longer holds is refused, with an error")
				.isInstanceOf(NegotiateException.class);
		}
	}

	private static NegotiateChannelFactory passwordClient() {
		return new NegotiateChannelFactory(
				ClientSettings.of(new ClientCredential.Password("alice@EXAMPLE.COM", PASSWORD.toCharArray())));
	}

}
